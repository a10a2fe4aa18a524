import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CommitmentList, sessionDates } from '~/components/lottery-panel'
import { ActionAnswer } from '~/components/notices'
import { lotteryOverview } from '~/models/lottery/results.server'
import { drawNow } from '~/models/lottery/run.server'
import { localized } from '~/models/programme/constants'
import { formatDateTime } from '~/utils/time'
import { useLang } from '~/utils/use-lang'
import { requireScopedProgramme } from '~/web/scope.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme } = await requireScopedProgramme(request, params.programmeId)
  const overview = await lotteryOverview(programme.id)
  const { lottery } = overview
  return {
    programme: {
      id: programme.id,
      slug: programme.slug,
      titleZh: programme.titleZh,
      titleEn: programme.titleEn,
      allocation: programme.allocation,
      drawAt: programme.drawAt,
      bookingClosesAt: programme.bookingClosesAt,
    },
    ...overview,
    lottery: lottery
      ? {
          entriesHash: lottery.entriesHash,
          seedHash: lottery.seedHash,
          seed: lottery.seed,
          resultHash: lottery.resultHash,
          drawnAt: lottery.drawnAt,
          frozenAt: lottery.frozenAt,
        }
      : null,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { programme, user } = await requireScopedProgramme(request, params.programmeId)
  const parsed = z.object({ intent: z.literal('draw') }).safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) return data({ error: 'errors.badRequest', notice: null, params: {} }, { status: 400 })
  const result = await drawNow(programme.id, user.id)
  if (result.ok)
    return { notice: 'lotteryAdmin.drawnNotice', error: null, params: { placed: result.placed, waitlisted: result.waitlisted } }
  const error = result.reason === 'already-drawn' ? 'lotteryAdmin.alreadyDrawn' : 'lotteryAdmin.notClosed'
  return data({ error, notice: null, params: {} }, { status: 409 })
}

export default function OrganiserLottery() {
  const { t } = useTranslation()
  const lang = useLang()
  const navigation = useNavigation()
  const { programme, entries, people, perSession, lottery, results, sessions } = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>()
  const when = new Map(sessions.map((s) => [s.id, s]))
  return (
    <section>
      <p>
        <Link to={`/organiser/programmes/${programme.id}`}>← {localized(programme, 'title', lang)}</Link>
      </p>
      <h1>
        {t('lotteryAdmin.title')} · {localized(programme, 'title', lang)}
      </h1>
      <ActionAnswer notice={answer?.notice ? t(answer.notice, answer.params) : null} error={answer?.error ? t(answer.error) : null} />
      <p>
        {lottery
          ? t('lotteryAdmin.frozen', { date: formatDateTime(lottery.frozenAt, lang) })
          : t('lotteryAdmin.open', { date: formatDateTime(programme.bookingClosesAt, lang) })}
        {programme.drawAt ? ` · ${t('lottery.drawAtValue', { date: formatDateTime(programme.drawAt, lang) })}` : ''}
      </p>
      <p>{entries > 0 ? t('lotteryAdmin.applications', { entries, people }) : t('lotteryAdmin.noEntries')}</p>
      <ul className="list">
        {perSession.map((row) => (
          <li key={row.session.id} className="card">
            <strong>{sessionDates(row.session, lang)}</strong> · {t('lotteryAdmin.capacity', { count: row.session.capacity })}
            <p>
              {t('lotteryAdmin.firstChoiceCount', { entries: row.firstChoice, people: row.firstChoicePeople })} ·{' '}
              {t('lotteryAdmin.anyChoiceCount', { entries: row.anyChoice })}
            </p>
            {Object.keys(row.byCategory).length > 0 ? (
              <p className="muted">
                {t('lotteryAdmin.byCategory', {
                  list: Object.entries(row.byCategory)
                    .map(([category, n]) => `${category === '—' ? '—' : t(`gender.${category}`)} ${n}`)
                    .join(' · '),
                })}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      {programme.allocation === 'lottery' && !lottery?.drawnAt ? (
        <Form method="post" className="panel">
          <p className="muted">{t('lotteryAdmin.runDrawHint')}</p>
          <button type="submit" name="intent" value="draw" className="primary" disabled={navigation.state === 'submitting'}>
            {t('lotteryAdmin.runDraw')}
          </button>
        </Form>
      ) : null}
      {lottery ? <CommitmentList lottery={lottery} /> : null}
      {results.length > 0 ? (
        <>
          <p>
            <a href={`/organiser/programmes/${programme.id}/lottery.csv`} download>
              {t('lotteryAdmin.export')}
            </a>
          </p>
          <ol className="results">
            {results.map((r) => {
              const session = r.outcome === 'unplaced' ? undefined : when.get(r.sessionId)
              return (
                <li key={r.id}>
                  <span className="order">{r.order}</span>
                  <span>
                    {r.applicant} · <code>{r.code}</code> <small className="muted">{t(`lotteryAdmin.tier.${r.tier}`)}</small>
                    <br />
                    {r.names.join('、')}
                  </span>
                  <span className={r.outcome === 'placed' ? 'availability-open' : 'muted'}>
                    {r.outcome === 'unplaced'
                      ? t('lottery.unplaced')
                      : r.outcome === 'placed'
                        ? t('lottery.placed', { session: session ? sessionDates(session, lang) : '—', choice: r.choice })
                        : t('lottery.waitlisted', { session: session ? sessionDates(session, lang) : '—', n: r.waitlistNo })}
                  </span>
                </li>
              )
            })}
          </ol>
        </>
      ) : null}
    </section>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
