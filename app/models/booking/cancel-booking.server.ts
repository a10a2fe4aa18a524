import { db } from '~/utils/db.server'
import { ACTIVE_STATUSES, cancelDeadline } from './constants'
import { endableBookingSelect, endBooking } from './end-booking.server'

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
  if (!booking) return { ok: false, reason: 'not-found' } as const
  if (!ACTIVE_STATUSES.includes(booking.status)) {
    return { ok: false, reason: 'not-active' } as const
  }
  const deadline = cancelDeadline(booking.session.startsAt, booking.session.programme.cancelDeadlineHours)
  if (booking.status === 'confirmed' && now > deadline) {
    const phone = booking.session.programme.contactPhone ?? booking.session.programme.department.phone ?? ''
    return { ok: false, reason: 'deadline-passed', deadline, phone } as const
  }
  const to = booking.status === 'offered' ? 'declined' : 'cancelled'
  const ended = await db.$transaction((tx) =>
    endBooking(tx, booking, { to, actorId: input.userId, now, mail: 'booking-cancelled' }),
  )
  return ended ? ({ ok: true, status: to } as const) : ({ ok: false, reason: 'not-active' } as const)
}
