import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { describeCancellation } from '~/models/booking/cancel-booking.server'
import { localized } from '~/models/programme/constants'
import { formatDateTime } from '~/utils/time'
import { useLang } from '~/components/hooks/use-lang'
import { SessionWhen } from './session-when'

/** "Cancel this?": the confirmation page (routes/me.bookings_.$bookingId.cancel.tsx) and the dialog (./cancel-control.tsx). */
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
        <SessionWhen
          session={{
            ...booking.session,
            startsAt: new Date(booking.session.startsAt),
            endsAt: new Date(booking.session.endsAt),
            repeatUntil: booking.session.repeatUntil ? new Date(booking.session.repeatUntil) : null,
          }}
        />
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

/** What describeCancellation (models/booking/cancel-booking.server.ts) says, as the page receives it. */
export type SerializedDescription = Omit<NonNullable<Awaited<ReturnType<typeof describeCancellation>>>, 'session' | 'deadline'> & {
  session: {
    startsAt: Date | string
    endsAt: Date | string
    repeatDays: string | null
    repeatUntil: Date | string | null
    excludedDates: string | null
  }
  deadline: Date | string
}
