import { writeAudit } from '~/models/audit/audit.server'
import { enqueueMail } from '~/models/mail/outbox.server'
import { db } from '~/utils/db.server'

/**
 * Cancel a session: every active booking ends, holders of a confirmed seat get a CANCEL
 * invite (SEQUENCE + 1) and everyone gets the organiser's reason. One transaction.
 */
export async function cancelSession(sessionId: string, reason: string, actorId: string, now = new Date()) {
  return db.$transaction(async (tx) => {
    const cancelled = await tx.session.updateMany({
      where: { id: sessionId, status: 'scheduled' },
      data: { status: 'cancelled', seatsTaken: 0 },
    })
    if (cancelled.count === 0) return 0
    await tx.quota.updateMany({ where: { sessionId }, data: { seatsTaken: 0 } })
    const active = await tx.booking.findMany({
      where: { sessionId, activeKey: { not: null } },
      select: { id: true, status: true, icalSequence: true, booker: { select: { email: true, locale: true } } },
    })
    for (const booking of active) {
      const hadInvite = booking.status === 'confirmed'
      await tx.booking.update({
        where: { id: booking.id },
        data: {
          status: 'cancelled',
          activeKey: null,
          cancelledAt: now,
          cancelReason: reason,
          offerExpiresAt: null,
          icalSequence: hadInvite ? { increment: 1 } : undefined,
        },
      })
      await enqueueMail(tx, {
        kind: 'session-cancelled',
        toEmail: booking.booker.email,
        locale: booking.booker.locale,
        bookingId: booking.id,
        payload: { reason, ...(hadInvite ? { invite: { method: 'CANCEL', sequence: booking.icalSequence + 1 } } : {}) },
      })
    }
    await writeAudit(tx, { actorId, action: 'session.cancelled', entity: 'Session', entityId: sessionId, data: { reason, bookings: active.length } })
    return active.length
  })
}
