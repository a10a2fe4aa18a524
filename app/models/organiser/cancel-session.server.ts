import { writeAudit } from '~/models/audit/audit.server'
import { endableBookingSelect, endBooking } from '~/models/booking/end-booking.server'
import { write } from '~/utils/db.server'

/**
 * Cancel a session: every active booking ends the way any booking ends (endBooking), so
 * holders of a confirmed seat get a CANCEL invite (SEQUENCE + 1) and everyone gets the
 * organiser's reason. The session is cancelled first, so no freed seat is offered on. One
 * transaction.
 */
export async function cancelSession(sessionId: string, reason: string, actorId: string, now = new Date()) {
  return write(async (tx) => {
    const cancelled = await tx.session.updateMany({ where: { id: sessionId, status: 'scheduled' }, data: { status: 'cancelled' } })
    if (cancelled.count === 0) return 0
    const active = await tx.booking.findMany({ where: { sessionId, activeKey: { not: null } }, select: endableBookingSelect })
    for (const booking of active) {
      await endBooking(tx, booking, { to: 'cancelled', actorId, now, reason, mail: 'session-cancelled' })
    }
    await writeAudit(tx, {
      actorId,
      action: 'session.cancelled',
      entity: 'Session',
      entityId: sessionId,
      data: { reason, bookings: active.length },
    })
    return active.length
  })
}
