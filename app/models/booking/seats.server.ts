import { db, type Tx } from '~/utils/db.server'

/**
 * Take one seat (and one seat of the attendee's quota) with conditional updates, so the
 * database itself refuses to go past capacity whatever the concurrency
 * (docs/decisions/0004-capacity.md). All or nothing.
 */
export async function tryTakeSeat(tx: Tx, sessionId: string, category: string | null) {
  if (category) {
    const quota = await tx.quota.updateMany({
      where: { sessionId, category, seatsTaken: { lt: db.quota.fields.capacity } },
      data: { seatsTaken: { increment: 1 } },
    })
    if (quota.count === 0) return false
  }
  const session = await tx.session.updateMany({
    where: { id: sessionId, status: 'scheduled', seatsTaken: { lt: db.session.fields.capacity } },
    data: { seatsTaken: { increment: 1 } },
  })
  if (session.count === 0) {
    if (category) await releaseQuotaSeat(tx, sessionId, category)
    return false
  }
  return true
}

export async function releaseSeat(tx: Tx, sessionId: string, category: string | null) {
  await tx.session.updateMany({
    where: { id: sessionId, seatsTaken: { gt: 0 } },
    data: { seatsTaken: { decrement: 1 } },
  })
  if (category) await releaseQuotaSeat(tx, sessionId, category)
}

function releaseQuotaSeat(tx: Tx, sessionId: string, category: string) {
  return tx.quota.updateMany({
    where: { sessionId, category, seatsTaken: { gt: 0 } },
    data: { seatsTaken: { decrement: 1 } },
  })
}
