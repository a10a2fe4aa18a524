import { queries, type Queryable } from '~/utils/query.server'

/**
 * Take one seat (and one seat of the attendee's quota) with conditional updates, so the
 * database itself refuses to go past capacity whatever the concurrency
 * (docs/decisions/0004-capacity.md). All or nothing. The one implementation: the booking
 * POST's transaction, a Prisma transaction (cancel, offers, the lottery's draw) alike.
 */
export async function tryTakeSeat(tx: Queryable, sessionId: string, category: string | null) {
  const q = queries(tx)
  if (category) {
    const quota = await q
      .updateTable('Quota')
      .set((eb) => ({ seatsTaken: eb('seatsTaken', '+', 1) }))
      .where('sessionId', '=', sessionId)
      .where('category', '=', category)
      .whereRef('seatsTaken', '<', 'capacity')
      .executeTakeFirst()
    if (Number(quota.numUpdatedRows) === 0) return false
  }
  const session = await q
    .updateTable('Session')
    .set((eb) => ({ seatsTaken: eb('seatsTaken', '+', 1), updatedAt: new Date() }))
    .where('id', '=', sessionId)
    .where('status', '=', 'scheduled')
    .whereRef('seatsTaken', '<', 'capacity')
    .executeTakeFirst()
  if (Number(session.numUpdatedRows) === 0) {
    if (category) await releaseQuotaSeat(q, sessionId, category)
    return false
  }
  return true
}

/** Give a seat back (and its quota's): never below zero. */
export async function releaseSeat(tx: Queryable, sessionId: string, category: string | null) {
  const q = queries(tx)
  await q
    .updateTable('Session')
    .set((eb) => ({ seatsTaken: eb('seatsTaken', '-', 1), updatedAt: new Date() }))
    .where('id', '=', sessionId)
    .where('seatsTaken', '>', 0)
    .execute()
  if (category) await releaseQuotaSeat(q, sessionId, category)
}

function releaseQuotaSeat(tx: Queryable, sessionId: string, category: string) {
  return queries(tx)
    .updateTable('Quota')
    .set((eb) => ({ seatsTaken: eb('seatsTaken', '-', 1) }))
    .where('sessionId', '=', sessionId)
    .where('category', '=', category)
    .where('seatsTaken', '>', 0)
    .execute()
}
