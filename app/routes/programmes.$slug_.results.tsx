import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { sessionDates } from '~/components/lottery-panel'
import { LotteryStory, Outcome } from '~/components/lottery-story'
import { publicResults } from '~/models/lottery/results.server'
import { programmeSlug } from '~/models/lottery/schemas'
import { lotteryStory } from '~/models/lottery/story.server'
import { localized } from '~/models/programme/constants'
import { formatDateTime } from '~/utils/time'
import { pageMeta } from '~/utils/meta'
import { useLang } from '~/components/hooks/use-lang'
import { parseSearchParams } from '~/utils/request.server'

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageMeta(
    data ? `${data.programme.titleZh} · 摇号结果` : '摇号结果 Lottery results',
    '摇号结果、封存记录与自行核验的方法。Lottery results, the frozen record and how to check the draw yourself.',
  )

/** A code as printed on the results: four digits (a longer id of the same family finds its lines too). */
const codeQuery = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{4}$/)
    .optional()
    .catch(undefined),
})

/** Public: anyone may check the draw. Names are masked, codes are known only to their applicant. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = programmeSlug.safeParse(params.slug)
  if (!slug.success) throw new Response('Not found', { status: 404 })
  const { code } = parseSearchParams(request, codeQuery)
  const results = await publicResults(slug.data, code)
  if (!results) throw new Response('Not found', { status: 404 })
  const { programme, lottery, rows, turns } = results
  return {
    programme: { slug: programme.slug, titleZh: programme.titleZh, titleEn: programme.titleEn, drawAt: programme.drawAt },
    sessions: programme.sessions,
    // the published story only, never the sealed seed
    story: lotteryStory(programme, lottery),
    rows,
    code: code ?? null,
    turns,
  }
}

export default function LotteryResults() {
  const { t } = useTranslation()
  const lang = useLang()
  const { programme, sessions, story, rows, code, turns } = useLoaderData<typeof loader>()
  const labels = new Map(sessions.map((s) => [s.id, sessionDates(s, lang)]))
  const label = (sessionId: string | null) => (sessionId ? (labels.get(sessionId) ?? '—') : '—')
  return (
    <article>
      <p>
        <Link to={`/programmes/${programme.slug}`}>{localized(programme, 'title', lang)}</Link>
      </p>
      <h1>{t('lottery.resultsTitle')}</h1>
      {story.drawnAt ? (
        <p className="muted">{t('lottery.drawn', { date: formatDateTime(story.drawnAt, lang) })}</p>
      ) : (
        <p className="notice">{t('lottery.notDrawn', { date: programme.drawAt ? formatDateTime(programme.drawAt, lang) : '—' })}</p>
      )}
      <section aria-labelledby="how-title">
        <h2 id="how-title">{t('lottery.parentsTitle')}</h2>
        <p>{t('lottery.parentsOne')}</p>
        <p>{t('lottery.parentsTwo')}</p>
      </section>
      <LotteryStory story={story} />
      {rows.length > 0 ? (
        <>
          <Form method="get" className="inline-form" aria-labelledby="explain-title">
            <h2 id="explain-title">{t('lottery.explainTitle')}</h2>
            <label className="field">
              <span>{t('lottery.explainLabel')}</span>
              <input name="code" inputMode="numeric" pattern="\d{4}" maxLength={4} defaultValue={code ?? ''} autoComplete="off" />
            </label>
            <button type="submit" className="secondary">
              {t('lottery.explainButton')}
            </button>
          </Form>
          {code && turns.length === 0 ? <p className="notice">{t('lottery.explainNone', { code })}</p> : null}
          {turns.map((turn) => (
            <div key={turn.id} className="card explain">
              <p>
                <strong>
                  {t('lottery.explainLine', {
                    id: turn.id,
                    order: turn.result.order,
                    tier: t(`lottery.explainTier.${turn.tier}`),
                    ticket: turn.ticket.slice(0, 12),
                  })}
                </strong>
              </p>
              <p className={turn.result.outcome === 'placed' ? 'availability-open' : 'muted'}>
                <Outcome result={turn.result} sessionId={turn.sessionId} label={label} />
              </p>
              <ol>
                {turn.choices.map((choice, i) => (
                  <li key={choice.session}>{t(`lottery.choiceState.${choice.state}`, { n: i + 1, session: label(choice.sessionId) })}</li>
                ))}
              </ol>
            </div>
          ))}
          <p>{t('lottery.resultsIntro')}</p>
          <ol className="results">
            {rows.map((r) => (
              <li key={r.id} id={`unit-${r.id}`}>
                <span className="order">{r.order}</span>
                <span>
                  {r.maskedName} · <code>{r.id}</code>
                  {r.people > 1 ? <small className="muted"> · {t('lottery.people', { count: r.people })}</small> : null}
                </span>
                <span className={r.outcome === 'placed' ? 'availability-open' : 'muted'}>
                  <Outcome result={r} sessionId={r.sessionId} label={label} />
                </span>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </article>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
