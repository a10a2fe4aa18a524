import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { IntentButton } from '~/components/booking-buttons'
import { CancelControl } from '~/components/cancel-control'
import { Notices } from '~/components/notices'
import { SessionWhen } from '~/components/session-card'
import { cancelDeadline } from '~/models/booking/constants'
import { handleBookingAction } from '~/web/booking-action.server'
import { listMyBookings, type MyBooking } from '~/models/booking/my-bookings.server'
import { localized } from '~/models/programme/constants'
import { myLotteryApplications } from '~/models/lottery/entries.server'
import { requireUser } from '~/web/auth.server'
import { formatDateTime, formatTimeLeft } from '~/utils/time'
import { useLang } from '~/components/hooks/use-lang'
import { pageMeta } from '~/utils/meta'

export const meta: MetaFunction = () => pageMeta('我的报名 My bookings')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const now = new Date()
  const [bookings, applications] = await Promise.all([listMyBookings(user.id, now), myLotteryApplications(user.id, now)])
  return { ...bookings, applications, now }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  return handleBookingAction(request, user)
}

export default function MyBookingsPage() {
  const { t } = useTranslation()
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const lang = useLang()
  // confirmed bookings grouped by who attends (the member, then each child)
  const byAttendee = new Map<string, MyBooking[]>()
  for (const b of data.upcoming) {
    const name = b.child?.name ?? t('me.self')
    byAttendee.set(name, [...(byAttendee.get(name) ?? []), b])
  }
  return (
    <section>
      <h1>{t('me.bookingsTitle')}</h1>
      <Notices notices={actionData?.notices} />
      {data.applications.length > 0 ? (
        <>
          <h2>{t('lottery.myApplications')}</h2>
          <ul className="list">
            {data.applications.map((a) => (
              <li key={a.id} className="card">
                <Link to={a.state === 'drawn' ? `/programmes/${a.programme.slug}/results` : `/programmes/${a.programme.slug}`}>
                  {localized(a.programme, 'title', lang)}
                </Link>
                <p>
                  {a.state === 'open'
                    ? t('lottery.yourEntry', { code: a.code, date: formatDateTime(a.programme.bookingClosesAt, lang) })
                    : a.state === 'frozen'
                      ? `${t('lottery.yourEntryFrozen', { code: a.code })} ${a.programme.drawAt ? t('lottery.drawAtValue', { date: formatDateTime(a.programme.drawAt, lang) }) : ''}`
                      : `${t('lottery.drawnCode', { code: a.code })}`}
                </p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {data.offers.length > 0 ? (
        <>
          <h2>{t('me.offers')}</h2>
          <ul className="list">
            {data.offers.map((b) => (
              <BookingItem key={b.id} booking={b} now={data.now} />
            ))}
          </ul>
        </>
      ) : null}
      <h2>{t('me.upcoming')}</h2>
      {byAttendee.size === 0 ? <p>{t('me.none')}</p> : null}
      {[...byAttendee].map(([name, bookings]) => (
        <section key={name} aria-label={name}>
          <h3>{name}</h3>
          <ul className="list">
            {bookings.map((b) => (
              <BookingItem key={b.id} booking={b} now={data.now} />
            ))}
          </ul>
        </section>
      ))}
      <h2>{t('me.waitlist')}</h2>
      {data.waitlisted.length === 0 ? <p>{t('me.none')}</p> : null}
      <ul className="list">
        {data.waitlisted.map((b) => (
          <BookingItem key={b.id} booking={b} now={data.now} />
        ))}
      </ul>
      <h2>{t('me.past')}</h2>
      {data.past.length === 0 ? <p>{t('me.none')}</p> : null}
      <ul className="list">
        {data.past.map((b) => (
          <BookingItem key={b.id} booking={b} now={data.now} past />
        ))}
      </ul>
    </section>
  )
}

function BookingItem({ booking: b, now, past }: { booking: MyBooking; now: Date; past?: boolean }) {
  const { t } = useTranslation()
  const lang = useLang()
  const programme = b.session.programme
  const deadline = cancelDeadline(b.session.startsAt, programme.cancelDeadlineHours)
  const who = b.child?.name ?? b.attendeeUser?.name ?? t('me.self')
  return (
    <li className="list-item booking-item" data-status={b.status}>
      <div>
        <Link to={`/programmes/${programme.slug}`}>
          <strong>{localized(programme, 'title', lang)}</strong>
        </Link>{' '}
        <span className={`status status-${b.status}`}>{t(`me.status.${b.status}`)}</span>
        <p>{t('me.attendeeLine', { name: who })}</p>
        <p>
          <SessionWhen session={b.session} />
        </p>
        <p className="muted">{localized(b.session, 'place', lang)}</p>
        {b.status === 'waitlisted' && b.position ? <p>{t('me.position', { position: b.position })}</p> : null}
        {b.status === 'offered' && b.offerExpiresAt ? (
          <p className="notice">
            {t('me.offerUntil', {
              deadline: formatDateTime(b.offerExpiresAt, lang),
              left: formatTimeLeft(b.offerExpiresAt, now, lang),
            })}
          </p>
        ) : null}
        {b.status === 'confirmed' && !past ? (
          <p className="muted">
            {now < deadline
              ? t('me.canCancelUntil', { deadline: formatDateTime(deadline, lang) })
              : t('me.cannotCancel', { phone: programme.contactPhone ?? '' })}
          </p>
        ) : null}
      </div>
      {past ? null : (
        <div className="actions">
          {b.status === 'offered' ? (
            <>
              <IntentButton intent="accept" bookingId={b.id} label={t('booking.accept')} tone="primary" />
              <IntentButton intent="decline" bookingId={b.id} label={t('booking.decline')} tone="danger" />
            </>
          ) : b.status === 'waitlisted' ? (
            <CancelControl bookingId={b.id} who={who} label={t('booking.leaveWaitlist')} />
          ) : b.status === 'confirmed' && now < deadline ? (
            <CancelControl bookingId={b.id} who={who} label={t('booking.cancel')} />
          ) : null}
          {b.qrSvg ? (
            // on demand, big and on white for the door scanner (works without JavaScript)
            <details className="qr-details">
              <summary className="button">{t('me.showQr', { name: who })}</summary>
              <figure className="qr">
                <div dangerouslySetInnerHTML={{ __html: b.qrSvg }} />
                <figcaption>
                  <strong>{who}</strong> · {localized(programme, 'title', lang)}
                  <br />
                  <span className="muted">{t('organiser.qrHint')}</span>
                </figcaption>
              </figure>
            </details>
          ) : null}
          {b.status === 'confirmed' ? (
            <a className="button" href={`/me/bookings/${b.id}.ics`} download>
              {t('me.downloadIcs')}
            </a>
          ) : null}
          {b.status === 'confirmed' ? (
            <Link className="button" to={`/me/bookings/${b.id}/days`}>
              {t('attendance.daysLink')}
            </Link>
          ) : null}
          {programme._count.questions > 0 ? (
            <Link className="button" to={`/me/bookings/${b.id}/answers`}>
              {t('questions.answersTitle')}
            </Link>
          ) : null}
          {b.status === 'confirmed' && programme.mutualChoice && b.attendeeUser ? (
            <Link className="button" to={`/me/bookings/${b.id}/social`}>
              {t('matching.openLink')}
              {b.badgeNo !== null ? ` · ${t('matching.badge', { n: b.badgeNo })}` : ''}
            </Link>
          ) : null}
        </div>
      )}
    </li>
  )
}
