import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PrintButton, RosterList } from '~/components/organiser/roster-list'
import { SessionAdminForms } from '~/components/organiser/session-admin-forms'
import { SessionWhen } from '~/components/session-card'
import { getRoster, recordNotesViewed } from '~/models/organiser/roster.server'
import { doorRecordsToSettle } from '~/models/organiser/door.server'
import { DoorRecordsToSettle } from '~/components/door/door-records'
import { ROSTER_FILTERS, rosterQuerySchema } from '~/models/organiser/schemas'
import { requireScopedSession } from '~/web/scope.server'
import { handleSessionAction } from '~/web/session-action.server'
import { localized } from '~/models/programme/constants'
import { parseSearchParams } from '~/utils/request.server'
import { useLang } from '~/components/hooks/use-lang'
import { ActionAnswer } from '~/components/notices'
import { DayRegister, existingParams } from '~/components/organiser/day-register'
import { formatDay, shanghaiDay } from '~/utils/time'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, user } = await requireScopedSession(request, params.sessionId)
  const filter = parseSearchParams(request, rosterQuerySchema)
  const roster = await getRoster(session.id, filter)
  // PIPL: every look at children's health notes is on record (who, when, which session)
  if (roster.notesShown) await recordNotesViewed(user.id, session.id)
  return { session, filter, roster, sessionDay: roster.meetsOnDay, doorRecords: await doorRecordsToSettle(session.id) }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, session } = await requireScopedSession(request, params.sessionId)
  return handleSessionAction(await request.formData(), session.id, user)
}

export default function SessionRoster() {
  const { t } = useTranslation()
  const lang = useLang()
  const { session, filter, roster, sessionDay, doorRecords } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const c = roster.counts
  const today = shanghaiDay(new Date())
  return (
    <section className={filter.print ? 'print-view' : undefined}>
      {filter.print ? (
        <p className="notice no-print">
          {t('organiser.printHint')} <Link to={`/organiser/sessions/${session.id}`}>{t('organiser.backToRoster')}</Link>
        </p>
      ) : null}
      <p className="no-print">
        <Link to={`/organiser/programmes/${session.programmeId}`}>← {localized(session.programme, 'title', lang)}</Link>
      </p>
      <h1>
        {t('organiser.sessionTitle')} · {localized(session.programme, 'title', lang)}
      </h1>
      <p>
        <SessionWhen session={session} /> · {localized(session, 'place', lang)}
      </p>
      {session.status === 'cancelled' ? <p className="form-error">{t('organiser.cancelled')}</p> : null}
      <p>
        <strong>
          {t('organiser.counts', {
            confirmed: c.confirmed,
            offered: c.offered,
            waitlisted: c.waitlisted,
            cancelled: c.cancelled,
            checkedIn: roster.checkedIn,
          })}
        </strong>{' '}
        ·{' '}
        {t('organiser.fill', {
          taken: session.seatsTaken,
          capacity: session.capacity,
          rate: session.capacity ? Math.round((100 * session.seatsTaken) / session.capacity) : 0,
        })}
      </p>
      <ActionAnswer
        notice={actionData?.notice ? t(actionData.notice, { count: actionData.count, name: actionData.name }) : null}
        error={actionData?.error ? t(actionData.error, existingParams(actionData.existing, lang)) : null}
      />
      <DoorRecordsToSettle records={doorRecords} />
      <p className="no-print">
        <a className="button" href={`/organiser/sessions/${session.id}.csv`} download>
          {t('organiser.exportCsv')}
        </a>{' '}
        {roster.notesShown ? (
          <a className="button" href={`/organiser/sessions/${session.id}.csv?notes=1`} download>
            {t('organiser.exportCsvWithNotes')}
          </a>
        ) : null}{' '}
        <PrintButton label={t('organiser.print')} />
        {session.programme.mutualChoice ? (
          <>
            {' '}
            <Link className="button" to={`/organiser/sessions/${session.id}/social`}>
              {t('matching.title')}
            </Link>
          </>
        ) : null}
      </p>
      <Form method="get" className="filters no-print">
        <div className="filter-row">
          <label>
            {t('me.attendee')}
            <select name="status" defaultValue={filter.status ?? ''}>
              <option value="">{t('organiser.filterAll')}</option>
              {ROSTER_FILTERS.map((s) => (
                <option key={s} value={s}>
                  {t(`me.status.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('organiser.search')}
            <input type="search" name="q" defaultValue={filter.q ?? ''} maxLength={50} />
          </label>
          <label>
            {t('attendance.day')}
            <select name="day" defaultValue={roster.day}>
              {[...new Set([...roster.meetingDays, roster.day, today])].sort().map((d) => (
                <option key={d} value={d}>
                  {formatDay(d, lang)}
                  {d === today ? ` · ${t('attendance.today')}` : ''}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{t('catalogue.apply')}</button>
        </div>
      </Form>
      <DayRegister roster={roster} sessionId={session.id} />
      <RosterList rows={roster.rows} sessionDay={sessionDay} day={roster.day} recordable={roster.recordable} questions={roster.questions} />
      {session.status === 'scheduled' ? <SessionAdminForms session={session} /> : null}
    </section>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
