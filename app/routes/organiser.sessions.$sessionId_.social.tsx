import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ActionAnswer } from '~/components/notices'
import { assignBadges, closeRound, openRound, roundSummary } from '~/models/matching/round.server'
import { roundActionSchema } from '~/models/matching/schemas'
import { badgeSheet } from '~/models/organiser/badge-sheet.server'
import { localized } from '~/models/programme/constants'
import { formatDateTime } from '~/utils/time'
import { useLang } from '~/components/hooks/use-lang'
import { requireScopedSession } from '~/web/scope.server'
import { pageMeta } from '~/utils/meta'

export const meta: MetaFunction = () => pageMeta('互选 Mutual choice')

// The organisers' side of a social's mutual-choice round: open it, close it, the counts — never
// who chose whom — and the badge sheet to print.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await requireScopedSession(request, params.sessionId)
  if (!session.programme.mutualChoice) throw new Response('Not found', { status: 404 })
  const [summary, badges] = await Promise.all([roundSummary(session.id), badgeSheet(session.id)])
  return {
    session: { id: session.id, startsAt: session.startsAt, placeZh: session.placeZh, placeEn: session.placeEn },
    programme: { titleZh: session.programme.titleZh, titleEn: session.programme.titleEn },
    summary,
    badges,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, user } = await requireScopedSession(request, params.sessionId)
  if (!session.programme.mutualChoice) throw new Response('Not found', { status: 404 })
  const parsed = roundActionSchema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) return data({ error: 'errors.badRequest', done: null, count: 0 }, { status: 400 })
  if (parsed.data.intent === 'badges') return { done: 'matching.console.assigned', error: null, count: await assignBadges(session.id) }
  const result = parsed.data.intent === 'open' ? await openRound(session.id, user.id) : await closeRound(session.id, user.id)
  if (!result.ok) return data({ error: result.error, done: null, count: 0 }, { status: 409 })
  return { done: parsed.data.intent === 'open' ? 'matching.console.openedNotice' : 'matching.console.closedNotice', error: null, count: 0 }
}

export default function SocialConsole() {
  const { t } = useTranslation()
  const lang = useLang()
  const navigation = useNavigation()
  const { session, programme, summary, badges } = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>()
  const { round } = summary
  const busy = navigation.state === 'submitting'
  return (
    <section>
      <p className="no-print">
        <Link to={`/organiser/sessions/${session.id}`}>← {formatDateTime(session.startsAt, lang)}</Link>
      </p>
      <h1>{t('matching.console.title', { title: localized(programme, 'title', lang) })}</h1>
      <div className="no-print">
        <ActionAnswer
          notice={answer?.done ? t(answer.done, { count: answer.count }) : null}
          error={answer?.error ? t(answer.error) : null}
        />
        <p className="muted">{t('matching.console.only')}</p>
        <p>
          {!round
            ? t('matching.console.none')
            : round.status === 'open'
              ? t('matching.console.opened', { date: formatDateTime(round.openedAt, lang) })
              : t('matching.console.closed', { date: formatDateTime(round.closedAt ?? round.openedAt, lang) })}
        </p>
        <p>
          <strong>{t('matching.console.counts', { participants: summary.participants, consented: summary.consented })}</strong>
          {summary.pairs !== null ? (
            <>
              {' · '}
              <strong>{t('matching.console.pairs', { pairs: summary.pairs })}</strong>
            </>
          ) : null}
        </p>
        {round?.purgedAt ? <p className="muted">{t('matching.console.purged', { date: formatDateTime(round.purgedAt, lang) })}</p> : null}
        {!round || round.status === 'open' ? (
          <Form method="post" className="panel">
            <button type="submit" name="intent" value={round ? 'close' : 'open'} className="primary" disabled={busy}>
              {round ? t('matching.console.close') : t('matching.console.open')}
            </button>
          </Form>
        ) : null}
      </div>
      <h2>{t('matching.console.badges')}</h2>
      <p className="muted no-print">{t('matching.console.badgesHint')}</p>
      <Form method="post" className="no-print">
        <button type="submit" name="intent" value="badges" className="secondary" disabled={busy}>
          {t('matching.console.assign')}
        </button>
      </Form>
      <ul className="badge-sheet">
        {badges.map((b) => (
          <li key={b.badgeNo}>
            <span className="badge-number">{b.badgeNo}</span>
            <span>{b.name}</span>
          </li>
        ))}
      </ul>
    </section>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
