import { writeAudit } from '~/models/audit/audit.server'
import { enqueueMail, type MailKind } from '~/models/outbox/outbox.server'
import type { Tx } from '~/utils/db.server'
import { holdsSeat, type BookingStatus } from './constants'
import { releaseSeat } from './seats.server'
import { promoteFromWaitlist } from './waitlist.server'

export type EndableBooking = {
  id: string
  status: string
  icalSequence: number
  sessionId: string
  quotaCategory: string | null
  booker: { id: string; email: string; locale: string }
}

/**
 * End an active booking (cancel, decline, expire, remove) and, in the same transaction,
 * hand its seat to the waitlist. Conditional on the status read earlier, so two processes
 * ending the same booking cannot both free its seat. Returns false when someone else won.
 */
export async function endBooking(
  tx: Tx,
  booking: EndableBooking,
  change: {
    to: Extract<BookingStatus, 'cancelled' | 'declined' | 'expired' | 'removed'>
    actorId: string | null
    now: Date
    reason?: string
    mail: MailKind
    onlyIfExpiredBy?: Date
  },
) {
  const hadInvite = booking.status === 'confirmed'
  const ended = await tx.booking.updateMany({
    where: {
      id: booking.id,
      status: booking.status,
      // and the invite version we read: the CANCEL we queue must outrank what calendars hold
      icalSequence: booking.icalSequence,
      ...(change.onlyIfExpiredBy ? { offerExpiresAt: { lte: change.onlyIfExpiredBy } } : {}),
    },
    data: {
      status: change.to,
      // a confirmed booking has an invite in someone's calendar: its CANCEL must outrank it
      icalSequence: hadInvite ? booking.icalSequence + 1 : booking.icalSequence,
      activeKey: null,
      cancelledAt: change.now,
      cancelReason: change.reason ?? null,
      offerExpiresAt: null,
    },
  })
  if (ended.count === 0) return false
  await writeAudit(tx, {
    actorId: change.actorId,
    action: `booking.${change.to}`,
    entity: 'Booking',
    entityId: booking.id,
    data: { from: booking.status, ...(change.reason ? { reason: change.reason } : {}) },
  })
  await enqueueMail(tx, {
    kind: change.mail,
    toEmail: booking.booker.email,
    userId: booking.booker.id,
    locale: booking.booker.locale,
    bookingId: booking.id,
    payload: {
      reason: change.reason,
      ...(hadInvite ? { invite: { method: 'CANCEL', sequence: booking.icalSequence + 1 } } : {}),
    },
  })
  if (holdsSeat(booking.status)) {
    await releaseSeat(tx, booking.sessionId, booking.quotaCategory)
    await promoteFromWaitlist(tx, booking.sessionId, change.now, change.actorId)
  }
  return true
}

export const endableBookingSelect = {
  id: true,
  status: true,
  icalSequence: true,
  sessionId: true,
  quotaCategory: true,
  booker: { select: { id: true, email: true, locale: true } },
} as const
