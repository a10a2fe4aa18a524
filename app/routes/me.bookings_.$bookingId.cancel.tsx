import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Notices } from '~/components/notices'
import { SessionWhen } from '~/components/session-card'
import { cancelBooking, describeCancellation } from '~/models/booking/cancel-booking.server'
import type { Notice } from '~/models/booking/handle-booking-action.server'
import { localized } from '~/models/programme/constants'
import { requireUser, safeRedirect } from '~/utils/auth.server'
import { redirectWithNotices } from '~/utils/flash.server'
import { requireId } from '~/utils/request.server'
import { formatDateTime } from '~/utils/time'
import { useLang } from '~/utils/use-lang'

export const meta: MetaFunction = () => [{ title: '取消报名 Cancel booking · 康乃馨 Carnation' }]

// Cancelling asks once: this page (without JavaScript) or the same content in a dialog (with
// it, loaded from here). It names who and which session, and where the place goes.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const booking = await describeCancellation({ bookingId: requireId(params.bookingId), userId: user.id })
  if (!booking) throw new Response('Not found', { status: 404 })
  return { booking }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const bookingId = requireId(params.bookingId)
  const form = await request.formData()
  const back = safeRedirect(form.get('back'), '/me/bookings')
  const before = await describeCancellation({ bookingId, userId: user.id })
  const result = await cancelBooking({ bookingId, userId: user.id })
  if (result.ok) {
    const notice: Notice = { key: 'booking.cancelledWho', params: { name: before?.attendee ?? '' }, tone: 'ok' }
    return redirectWithNotices(request, back, [notice])
  }
  const refusal: Notice =
    result.reason === 'deadline-passed'
      ? { key: 'booking.deadlinePassed', params: { deadline: result.deadline.toISOString(), phone: result.phone }, tone: 'error' }
      : { key: result.reason === 'not-found' ? 'booking.notFound' : 'booking.notActive', tone: 'error' }
  return data({ notices: [refusal] }, { status: result.reason === 'not-found' ? 404 : 409 })
}

export default function CancelPage() {
  const { booking } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  return (
    <section className="narrow">
      <Notices notices={actionData?.notices} />
      <CancelQuestion booking={booking} back={safeBack(searchParams.get('back'))} />
    </section>
  )
}

const safeBack = (back: string | null) => (back && back.startsWith('/') && !back.startsWith('//') ? back : '/me/bookings')

export type CancelDescription = Awaited<ReturnType<typeof loader>>['booking']

/** The question itself: used by this page and by the dialog (components/cancel-control.tsx). */
export function CancelQuestion({ booking, back, onKeep }: { booking: SerializedDescription; back: string; onKeep?: () => void }) {
  const { t } = useTranslation()
  const lang = useLang()
  const title = localized(booking.programme, 'title', lang)
  const leaving = booking.status === 'waitlisted' ? 'booking.confirmLeaveTitle' : 'booking.confirmCancelTitle'
  return (
    <>
      <h1 id={`cancel-title-${booking.id}`}>{t(leaving, { name: booking.attendee })}</h1>
      <p>
        <strong>{title}</strong>
      </p>
      <p>
        <SessionWhen session={{ ...booking.session, startsAt: new Date(booking.session.startsAt), endsAt: new Date(booking.session.endsAt), repeatUntil: booking.session.repeatUntil ? new Date(booking.session.repeatUntil) : null }} />
      </p>
      {booking.tooLate ? (
        <p className="form-error" role="alert">
          {t('booking.deadlinePassed', { deadline: formatDateTime(new Date(booking.deadline), lang), phone: booking.phone })}
        </p>
      ) : (
        <>
          <p className="notice">{t(`booking.placeGoes.${booking.goesTo}`)}</p>
          <Form method="post" action={`/me/bookings/${booking.id}/cancel`}>
            <input type="hidden" name="back" value={back} />
            <button type="submit" className="danger">
              {t(booking.status === 'waitlisted' ? 'booking.confirmLeave' : 'booking.confirmCancel')}
            </button>{' '}
            {onKeep ? (
              <button type="button" onClick={onKeep}>
                {t('booking.keep')}
              </button>
            ) : (
              <Link to={back} className="button">
                {t('booking.keep')}
              </Link>
            )}
          </Form>
        </>
      )}
    </>
  )
}

type SerializedDescription = Omit<CancelDescription, 'session' | 'deadline'> & {
  session: { startsAt: Date | string; endsAt: Date | string; repeatDays: string | null; repeatUntil: Date | string | null; excludedDates: string | null }
  deadline: Date | string
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
