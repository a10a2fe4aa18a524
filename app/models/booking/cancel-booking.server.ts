import { db, type Tx, write } from '~/utils/db.server'
import { contactPhoneOf } from '~/models/programme/constants'
import { sessionWhenSelect } from '~/models/programme/selects'
import { ACTIVE_STATUSES, cancelDeadline, isActiveStatus, tooLateToCancel } from './constants'
import { endableBookingSelect, endBooking, type EndableBooking } from './end-booking.server'
import { refuse } from '~/models/result'

export type CancelRefusal = 'not-found' | 'not-active' | 'deadline-passed'

/**
 * A member cancels a booking they made (for themself or a child). Waitlist places and
 * offers can be given up at any time; confirmed seats only until the cancellation deadline.
 */
export async function cancelBooking(input: { bookingId: string; userId: string; now?: Date }) {
  const now = input.now ?? new Date()
  const booking = await db.booking.findFirst({
    where: { id: input.bookingId, bookerId: input.userId },
    select: {
      ...endableBookingSelect,
      session: {
        select: {
          startsAt: true,
          programme: { select: { cancelDeadlineHours: true, contactPhone: true, department: { select: { phone: true } } } },
        },
      },
    },
  })
  if (!booking) return refuse('booking.notFound')
  if (!isActiveStatus(booking.status)) {
    return refuse('booking.notActive')
  }
  const deadline = cancelDeadline(booking.session.startsAt, booking.session.programme.cancelDeadlineHours)
  if (tooLateToCancel(booking.status, deadline, now)) {
    return refuse('booking.deadlinePassed', { deadline, phone: contactPhoneOf(booking.session.programme) })
  }
  const ended = await write((tx) => withdrawBooking(tx, booking, { actorId: input.userId, now }))
  return ended ? ({ ok: true, status: ended } as const) : refuse('booking.notActive')
}

/**
 * The member gives a place up (themself, or by deleting a child or their account): an offer
 * is declined, anything else cancelled, through endBooking. Returns the new status, or null
 * when the booking had already ended.
 */
export async function withdrawBooking(tx: Tx, booking: EndableBooking, by: { actorId: string; now: Date }) {
  const to = booking.status === 'offered' ? 'declined' : 'cancelled'
  return (await endBooking(tx, booking, { to, actorId: by.actorId, now: by.now, mail: 'booking-cancelled' })) ? to : null
}

/**
 * What the member is about to give up, for the "are you sure?" step: who, which session,
 * whether it can still be cancelled online, and whether someone is waiting for the place.
 */
export async function describeCancellation(input: { bookingId: string; userId: string; now?: Date }) {
  const now = input.now ?? new Date()
  const booking = await db.booking.findFirst({
    where: { id: input.bookingId, bookerId: input.userId, status: { in: [...ACTIVE_STATUSES] } },
    select: {
      id: true,
      status: true,
      sessionId: true,
      child: { select: { name: true } },
      attendeeUser: { select: { name: true } },
      session: {
        select: {
          ...sessionWhenSelect,
          programme: {
            select: {
              slug: true,
              titleZh: true,
              titleEn: true,
              cancelDeadlineHours: true,
              waitlistMode: true,
              contactPhone: true,
              department: { select: { phone: true } },
            },
          },
        },
      },
    },
  })
  if (!booking) return null
  const { programme } = booking.session
  const deadline = cancelDeadline(booking.session.startsAt, programme.cancelDeadlineHours)
  const waiting = await db.booking.count({ where: { sessionId: booking.sessionId, status: 'waitlisted' } })
  return {
    id: booking.id,
    status: booking.status,
    attendee: booking.child?.name ?? booking.attendeeUser?.name ?? '',
    session: booking.session,
    programme: { slug: programme.slug, titleZh: programme.titleZh, titleEn: programme.titleEn },
    deadline,
    tooLate: tooLateToCancel(booking.status, deadline, now),
    phone: contactPhoneOf(programme),
    // a seat someone holds goes to the first in line (offered or confirmed at once)
    goesTo: booking.status === 'waitlisted' ? 'none' : waiting > 0 ? (programme.waitlistMode === 'offer' ? 'offer' : 'next') : 'open',
  } as const
}
