import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CommitmentList, sessionDates } from '~/components/lottery-panel'
import { publicResults } from '~/models/lottery/results.server'
import { programmeSlug } from '~/models/lottery/schemas'
import { localized } from '~/models/programme/constants'
import { formatDateTime } from '~/utils/time'
import { useLang } from '~/utils/use-lang'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.programme.titleZh} · 摇号结果 · 康乃馨 Carnation` : '康乃馨 Carnation' },
]

/** Public: anyone may check the draw. Names are masked, codes are known only to their applicant. */
export async function loader({ params }: LoaderFunctionArgs) {
  const slug = programmeSlug.safeParse(params.slug)
  if (!slug.success) throw new Response('Not found', { status: 404 })
  const results = await publicResults(slug.data)
  if (!results) throw new Response('Not found', { status: 404 })
  const { programme, lottery, rows } = results
  return {
    programme: { slug: programme.slug, titleZh: programme.titleZh, titleEn: programme.titleEn, drawAt: programme.drawAt },
    sessions: programme.sessions,
    // the commitment only, never the sealed seed
    lottery: lottery
      ? {
          entriesHash: lottery.entriesHash,
          seedHash: lottery.seedHash,
          seed: lottery.drawnAt ? lottery.seed : null,
          resultHash: lottery.resultHash,
          drawnAt: lottery.drawnAt,
        }
      : null,
    rows,
  }
}

export default function LotteryResults() {
  const { t } = useTranslation()
  const lang = useLang()
  const { programme, sessions, lottery, rows } = useLoaderData<typeof loader>()
  const labels = new Map(sessions.map((s) => [s.id, sessionDates(s, lang)]))
  return (
    <article>
      <p>
        <Link to={`/programmes/${programme.slug}`}>{localized(programme, 'title', lang)}</Link>
      </p>
      <h1>{t('lottery.resultsTitle')}</h1>
      {lottery?.drawnAt ? (
        <p className="muted">{t('lottery.drawn', { date: formatDateTime(lottery.drawnAt, lang) })}</p>
      ) : (
        <p className="notice">{t('lottery.notDrawn', { date: programme.drawAt ? formatDateTime(programme.drawAt, lang) : '—' })}</p>
      )}
      {lottery ? <CommitmentList lottery={lottery} /> : null}
      {rows.length > 0 ? (
        <>
          <p>{t('lottery.resultsIntro')}</p>
          <ol className="results">
            {rows.map((r) => (
              <li key={r.id}>
                <span className="order">{r.order}</span>
                <span>
                  {r.maskedName} · <code>{r.code}</code>
                  {r.people > 1 ? <small className="muted"> · {t('lottery.people', { count: r.people })}</small> : null}
                </span>
                <span className={r.outcome === 'placed' ? 'availability-open' : 'muted'}>
                  {r.outcome === 'placed'
                    ? t('lottery.placed', { session: labels.get(r.sessionId) ?? '—', choice: r.choice })
                    : r.outcome === 'waitlisted'
                      ? t('lottery.waitlisted', { session: labels.get(r.sessionId) ?? '—', n: r.waitlistNo })
                      : t('lottery.unplaced')}
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
