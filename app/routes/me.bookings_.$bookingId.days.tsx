import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ActionAnswer } from '~/components/notices'
import { DayRecord } from '~/components/organiser/roster-list'
import { reportAbsence, withdrawAbsence } from '~/models/attendance/absence.server'
import { myBookingDays } from '~/models/attendance/days.server'
import { contactPhoneOf, localized } from '~/models/programme/constants'
import { requireUser } from '~/web/auth.server'
import { requireId } from '~/utils/request.server'
import { formatDay } from '~/utils/time'
import { isRealDay, optionalText } from '~/utils/validation'
import { useLang } from '~/components/hooks/use-lang'
import { pageMeta } from '~/utils/meta'

export const meta: MetaFunction = () => pageMeta('每天的情况 Day by day')

const day = z.string().refine(isRealDay)
const reportSchema = z.object({
  intent: z.literal('report'),
  days: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(day).min(1, 'attendance.noDaysChosen').max(100)),
  reason: optionalText(200),
})
const withdrawSchema = z.object({ intent: z.literal('withdraw'), day })

// Each meeting day of a member's booking (a camp term, a course): what happened, absences to
// report or withdraw before the day starts, the certificate once the course is completed.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const found = await myBookingDays({ userId: user.id, bookingId: requireId(params.bookingId) })
  if (!found) throw new Response('Not found', { status: 404 })
  return found
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const bookingId = requireId(params.bookingId)
  const form = await request.formData()
  const fields: Record<string, unknown> = { ...Object.fromEntries(form), days: form.getAll('days') }
  const answer = (status: number, body: { done?: string; error?: string; count?: number; phone?: string }) => data(body, { status })
  if (fields.intent === 'withdraw') {
    const parsed = withdrawSchema.safeParse(fields)
    if (!parsed.success) return answer(400, { error: 'errors.badRequest' })
    const result = await withdrawAbsence({ userId: user.id, bookingId, day: parsed.data.day })
    if (!result.ok && result.error === 'booking.notFound') throw new Response('Not found', { status: 404 })
    return result.ok ? answer(200, { done: 'attendance.withdrawn' }) : answer(409, { error: result.error, phone: result.phone })
  }
  const parsed = reportSchema.safeParse(fields)
  if (!parsed.success)
    return answer(400, {
      error: parsed.error.issues[0]?.message.startsWith('attendance.') ? parsed.error.issues[0].message : 'errors.badRequest',
    })
  const result = await reportAbsence({ userId: user.id, bookingId, days: parsed.data.days, reason: parsed.data.reason })
  if (!result.ok && result.error === 'booking.notFound') throw new Response('Not found', { status: 404 })
  return result.ok
    ? answer(200, { done: 'attendance.reported', count: result.days.length })
    : answer(409, { error: result.error, phone: result.phone })
}

export default function BookingDaysPage() {
  const { t } = useTranslation()
  const lang = useLang()
  const { booking, days, progress } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const programme = booking.session.programme
  const who = booking.child?.name ?? booking.attendeeUser?.name ?? booking.booker.name
  const phone = contactPhoneOf(programme)
  const reportable = booking.status === 'confirmed' ? days.filter((d) => d.upcoming && !d.offSchedule && d.state === 'expected') : []
  return (
    <section className="narrow">
      <p>
        <Link to="/me/bookings">← {t('nav.myBookings')}</Link>
      </p>
      <h1>
        {t('attendance.daysTitle')} · {who}
      </h1>
      <p>
        <strong>{localized(programme, 'title', lang)}</strong> · {localized(booking.session, 'place', lang)}
      </p>
      <ActionAnswer
        notice={actionData?.done ? t(actionData.done, { count: actionData.count ?? 0 }) : null}
        error={actionData?.error ? t(actionData.error, { phone: actionData.phone ?? phone }) : null}
      />
      {progress.hasRule ? (
        <p>
          {t('attendance.progress', { attended: progress.attended, meetings: progress.meetings })}
          {progress.completed ? ` · ${t('attendance.completed')}` : ''}{' '}
          {progress.final && progress.completed ? (
            <Link to={`/me/bookings/${booking.id}/certificate`}>{t('attendance.certificateLink')}</Link>
          ) : (
            <span className="muted">{t('attendance.certificateNotYet')}</span>
          )}
        </p>
      ) : null}
      <ul className="list days-list">
        {days.map((d) => (
          <li key={d.day} className="list-item" data-day-state={d.state}>
            <div>
              <strong>{formatDay(d.day, lang)}</strong>{' '}
              {d.offSchedule ? <span className="muted">{t('attendance.offSchedule')}</span> : null}
              {d.state === 'expected' ? (
                <p className="muted">{d.upcoming ? t('attendance.stillToCome') : t('attendance.state.expected')}</p>
              ) : (
                <DayRecord today={d} />
              )}
            </div>
            {d.state === 'excused' && d.upcoming ? (
              <Form method="post" className="inline-form">
                <input type="hidden" name="day" value={d.day} />
                <button
                  type="submit"
                  name="intent"
                  value="withdraw"
                  className="plain"
                  aria-label={`${t('attendance.withdraw')} · ${formatDay(d.day, lang)}`}
                >
                  {t('attendance.withdraw')}
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
      <section className="card" aria-labelledby="report-title">
        <h2 id="report-title">{t('attendance.reportTitle')}</h2>
        <p className="muted">{t('attendance.reportIntro')}</p>
        {reportable.length === 0 ? (
          <p>{t('attendance.noFutureDays')}</p>
        ) : (
          <Form method="post">
            <fieldset>
              <legend>{t('attendance.day')}</legend>
              {reportable.map((d) => (
                <label key={d.day} className="check">
                  <input type="checkbox" name="days" value={d.day} /> {formatDay(d.day, lang)}
                </label>
              ))}
            </fieldset>
            <div className="field">
              <label htmlFor="absence-reason">{t('attendance.reportReason')}</label>
              <input id="absence-reason" name="reason" maxLength={200} />
            </div>
            <button type="submit" name="intent" value="report" className="primary">
              {t('attendance.reportSubmit')}
            </button>
          </Form>
        )}
        <p className="muted">{t('attendance.callOrganiser', { phone })}</p>
      </section>
      {booking.child ? (
        <p>
          <Link to={`/me/children/${booking.child.id}`}>{t('attendance.pickupTitle')}</Link>
        </p>
      ) : null}
    </section>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
