import { writeAudit } from '~/models/audit/audit.server'
import { enqueueMail } from '~/models/outbox/outbox.server'
import { db, write } from '~/utils/db.server'
import { endableBookingSelect, endBooking } from './end-booking.server'
import { refuse } from '~/models/result'

/** Accept a held seat. Wins only strictly before the deadline. */
export async function acceptOffer(input: { bookingId: string; userId: string; now?: Date }) {
  const now = input.now ?? new Date()
  return write(async (tx) => {
    const accepted = await tx.booking.updateMany({
      where: { id: input.bookingId, bookerId: input.userId, status: 'offered', offerExpiresAt: { gt: now } },
      data: { status: 'confirmed', offerExpiresAt: null },
    })
    if (accepted.count === 0) return refuse('booking.offerGone')
    const booking = await tx.booking.findUniqueOrThrow({
      where: { id: input.bookingId },
      select: { icalSequence: true, booker: { select: { id: true, email: true, locale: true } } },
    })
    await writeAudit(tx, { actorId: input.userId, action: 'booking.accepted', entity: 'Booking', entityId: input.bookingId })
    await enqueueMail(tx, {
      kind: 'booking-confirmed',
      toEmail: booking.booker.email,
      userId: booking.booker.id,
      locale: booking.booker.locale,
      bookingId: input.bookingId,
      payload: { invite: { method: 'REQUEST', sequence: booking.icalSequence } },
    })
    return { ok: true } as const
  })
}

/** Turn down a held seat: it passes to the next person waiting. */
export async function declineOffer(input: { bookingId: string; userId: string; now?: Date }) {
  const now = input.now ?? new Date()
  const booking = await db.booking.findFirst({
    where: { id: input.bookingId, bookerId: input.userId, status: 'offered' },
    select: endableBookingSelect,
  })
  if (!booking) return refuse('booking.offerGone')
  const ended = await write((tx) => endBooking(tx, booking, { to: 'declined', actorId: input.userId, now, mail: 'booking-cancelled' }))
  // ended false: someone else ended it in between (it expired, or they accepted on another phone)
  return ended ? ({ ok: true } as const) : refuse('booking.offerGone')
}

/**
 * Expire offers whose deadline has passed and pass each seat on. Safe to run in several
 * processes at once: each expiry is a conditional update, so only one process wins it.
 */
export async function expireOffers(now = new Date(), batch = 100) {
  const due = await db.booking.findMany({
    where: { status: 'offered', offerExpiresAt: { lte: now } },
    orderBy: { offerExpiresAt: 'asc' },
    take: batch,
    select: endableBookingSelect,
  })
  let expired = 0
  for (const booking of due) {
    const ended = await write((tx) =>
      endBooking(tx, booking, { to: 'expired', actorId: null, now, mail: 'offer-expired', onlyIfExpiredBy: now }),
    )
    if (ended) expired += 1
  }
  return expired
}
