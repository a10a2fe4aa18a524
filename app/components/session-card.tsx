import { Form, Link, useLocation, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { localized, type WindowState } from '~/models/programme/constants'
import { formatDateTime } from '~/utils/time'
import { useLang } from '~/components/hooks/use-lang'
import { IntentButton } from './booking-buttons'
import { SessionWhen } from './session-when'
import { CancelControl } from './cancel-control'

type Session = {
  id: string
  startsAt: Date
  endsAt: Date
  repeatDays: string | null
  repeatUntil: Date | null
  placeZh: string
  placeEn: string
  capacity: number
  seatsTaken: number
  quotas: { category: string; capacity: number; seatsTaken: number }[]
  _count: { bookings: number }
}
type MyBooking = {
  id: string
  status: string
  position: number | null
  offerExpiresAt: Date | null
  child: { id?: string; name: string } | null
  attendeeUser: { name: string } | null
}

export { SessionWhen }

export function SessionCard(props: {
  session: Session
  audience: string
  window: WindowState
  signedIn: boolean
  children: { id: string; name: string }[]
  myBookings: MyBooking[]
  now: Date
}) {
  const { t } = useTranslation()
  const lang = useLang()
  const { session } = props
  const left = Math.max(0, session.capacity - session.seatsTaken)
  const waiting = session._count.bookings
  return (
    <section className="card session" aria-labelledby={`session-${session.id}`}>
      <h3 id={`session-${session.id}`}>
        <SessionWhen session={session} />
      </h3>
      <p>{localized(session, 'place', lang)}</p>
      <p className={left > 0 ? 'availability availability-open' : 'availability availability-full'}>
        {left > 0 ? t('catalogue.seatsLeft', { count: left }) : t('catalogue.full')}
        {waiting > 0 ? ` · ${t('programme.waitlistLength', { count: waiting })}` : ''}
      </p>
      {session.quotas.length > 0 ? (
        <p className="muted">
          {session.quotas
            .map((q) =>
              t('programme.quota', {
                category: t(`gender.${q.category}`),
                left: Math.max(0, q.capacity - q.seatsTaken),
                capacity: q.capacity,
              }),
            )
            .join(' · ')}
        </p>
      ) : null}
      {props.myBookings.length > 0 ? (
        <ul className="my-bookings">
          {props.myBookings.map((b) => (
            <MyBookingLine key={b.id} booking={b} />
          ))}
        </ul>
      ) : null}
      {props.window === 'open' ? <BookForm {...props} full={left === 0} /> : null}
    </section>
  )

  function MyBookingLine({ booking: b }: { booking: MyBooking }) {
    const name = b.child?.name ?? b.attendeeUser?.name ?? ''
    return (
      <li>
        {b.status === 'confirmed' ? (
          <>
            <span className="status status-confirmed">{t('programme.yourBooking', { name })}</span>
            <CancelControl bookingId={b.id} who={name} label={t('booking.cancel')} />
          </>
        ) : b.status === 'waitlisted' ? (
          <>
            <span className="status status-waitlisted">{t('programme.yourWaitlist', { name, position: b.position })}</span>
            <CancelControl bookingId={b.id} who={name} label={t('booking.leaveWaitlist')} />
          </>
        ) : (
          <>
            <span className="status status-offered">
              {t('programme.yourOffer', { name, deadline: b.offerExpiresAt ? formatDateTime(b.offerExpiresAt, lang) : '' })}
            </span>
            <IntentButton intent="accept" bookingId={b.id} label={t('booking.accept')} tone="primary" />
            <IntentButton intent="decline" bookingId={b.id} label={t('booking.decline')} tone="danger" />
          </>
        )}
      </li>
    )
  }
}

function BookForm(props: {
  session: Session
  audience: string
  signedIn: boolean
  children: { id: string; name: string }[]
  myBookings: MyBooking[]
  full: boolean
}) {
  const { t } = useTranslation()
  const location = useLocation()
  const navigation = useNavigation()
  const pending = navigation.state !== 'idle' && navigation.formData?.get('sessionId') === props.session.id
  const label = props.full ? t('programme.joinWaitlist') : t('programme.book')
  if (!props.signedIn) {
    return (
      <Link className="button primary" to={`/login?redirectTo=${encodeURIComponent(location.pathname)}`}>
        {t('programme.loginToBook')}
      </Link>
    )
  }
  if (props.audience === 'self') {
    if (props.myBookings.length > 0) return null
    return <IntentButton intent="book" sessionId={props.session.id} label={label} tone="primary" />
  }
  // a child already booked (or waiting) here is not offered again
  const bookable = props.children.filter((c) => !props.myBookings.some((b) => b.child?.id === c.id))
  if (props.children.length > 0 && bookable.length === 0) return null
  if (props.children.length === 0) {
    return (
      <p>
        {t('programme.noChildren')} <Link to="/me/children">{t('programme.addChild')}</Link>
      </p>
    )
  }
  return (
    <Form method="post" className="book-children">
      <input type="hidden" name="intent" value="book" />
      <input type="hidden" name="sessionId" value={props.session.id} />
      <fieldset>
        <legend>{t('programme.chooseChildren')}</legend>
        {bookable.map((child) => (
          <label key={child.id} className="check">
            <input type="checkbox" name="childId" value={child.id} />
            {child.name}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="primary" disabled={pending}>
        {pending ? t('booking.working') : label}
      </button>
    </Form>
  )
}
