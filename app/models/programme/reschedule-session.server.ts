import { writeAudit } from '~/models/audit/audit.server'
import { enqueueMail } from '~/models/mail/outbox.server'
import { db } from '~/utils/db.server'

export type SessionChange = { startsAt: Date; endsAt: Date; placeZh: string; placeEn: string }

/**
 * Change a session's time or place and, in the same transaction, queue an updated invite
 * (same UID, SEQUENCE + 1) for everyone holding a confirmed seat.
 */
export async function rescheduleSession(sessionId: string, change: SessionChange, actorId: string | null) {
  return db.$transaction(async (tx) => {
    await tx.session.update({ where: { id: sessionId }, data: { ...change, revision: { increment: 1 } } })
    const booked = await tx.booking.findMany({
      where: { sessionId, status: 'confirmed' },
      select: { id: true, icalSequence: true, booker: { select: { email: true, locale: true } } },
    })
    for (const booking of booked) {
      await tx.booking.update({ where: { id: booking.id }, data: { icalSequence: { increment: 1 } } })
      await enqueueMail(tx, {
        kind: 'session-changed',
        toEmail: booking.booker.email,
        locale: booking.booker.locale,
        bookingId: booking.id,
        payload: { invite: { method: 'REQUEST', sequence: booking.icalSequence + 1 } },
      })
    }
    await writeAudit(tx, {
      actorId,
      action: 'session.rescheduled',
      entity: 'Session',
      entityId: sessionId,
      data: { ...change, notified: booked.length },
    })
    return booked.length
  })
}
