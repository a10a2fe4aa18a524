import { sessionWhenSelect } from './selects'
import { writeAudit } from '~/models/audit/audit.server'
import { enqueueMail } from '~/models/outbox/outbox.server'
import { write } from '~/utils/db.server'
import { moveSeries } from './recurrence'

export type SessionChange = { startsAt: Date; endsAt: Date; placeZh: string; placeEn: string }

/**
 * Change a session's time or place and, in the same transaction, queue an updated invite
 * (same UID, SEQUENCE + 1) for everyone holding a confirmed seat. A repeating session moves
 * as a whole (its last day and end time move with it: see moveSeries).
 */
export async function rescheduleSession(sessionId: string, change: SessionChange, actorId: string | null) {
  return write(async (tx) => {
    const series = await tx.session.findUniqueOrThrow({
      where: { id: sessionId },
      select: sessionWhenSelect,
    })
    const moved = moveSeries(series, change)
    await tx.session.update({
      where: { id: sessionId },
      data: { ...moved, placeZh: change.placeZh, placeEn: change.placeEn, revision: { increment: 1 } },
    })
    const booked = await tx.booking.findMany({
      where: { sessionId, status: 'confirmed' },
      select: { id: true, icalSequence: true, booker: { select: { id: true, email: true, locale: true } } },
    })
    for (const booking of booked) {
      await tx.booking.update({ where: { id: booking.id }, data: { icalSequence: { increment: 1 } } })
      await enqueueMail(tx, {
        kind: 'session-changed',
        toEmail: booking.booker.email,
        userId: booking.booker.id,
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
      data: { ...change, ...moved, notified: booked.length },
    })
    return booked.length
  })
}
