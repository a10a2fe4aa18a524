import { prepared, queries, type Queryable } from '~/utils/query.server'

// the statements of a seat, built once (prepared): every booking runs them
const takeQuotaSeat = prepared((q, a: { sessionId: string; category: string }) =>
  q
    .updateTable('Quota')
    .set((eb) => ({ seatsTaken: eb('seatsTaken', '+', 1) }))
    .where('sessionId', '=', a.sessionId)
    .where('category', '=', a.category)
    .whereRef('seatsTaken', '<', 'capacity'),
)
const takeSessionSeat = prepared((q, a: { sessionId: string; now: Date }) =>
  q
    .updateTable('Session')
    .set((eb) => ({ seatsTaken: eb('seatsTaken', '+', 1), updatedAt: a.now }))
    .where('id', '=', a.sessionId)
    .where('status', '=', 'scheduled')
    .whereRef('seatsTaken', '<', 'capacity'),
)
const releaseSessionSeat = prepared((q, a: { sessionId: string; now: Date }) =>
  q
    .updateTable('Session')
    .set((eb) => ({ seatsTaken: eb('seatsTaken', '-', 1), updatedAt: a.now }))
    .where('id', '=', a.sessionId)
    .where('seatsTaken', '>', 0),
)
const releaseQuotaSeat = prepared((q, a: { sessionId: string; category: string }) =>
  q
    .updateTable('Quota')
    .set((eb) => ({ seatsTaken: eb('seatsTaken', '-', 1) }))
    .where('sessionId', '=', a.sessionId)
    .where('category', '=', a.category)
    .where('seatsTaken', '>', 0),
)
const changed = (result: { numAffectedRows?: bigint }) => Number(result.numAffectedRows ?? 0) > 0

/**
 * Take one seat (and one seat of the attendee's quota) with conditional updates, so the
 * database itself refuses to go past capacity whatever the concurrency
 * (docs/decisions/0004-capacity.md). All or nothing. The one implementation: the booking
 * POST's transaction, a Prisma transaction (cancel, offers, the lottery's draw) alike.
 */
export async function tryTakeSeat(tx: Queryable, sessionId: string, category: string | null) {
  const q = queries(tx)
  if (category && !changed(await takeQuotaSeat(q, { sessionId, category }))) return false
  if (!changed(await takeSessionSeat(q, { sessionId, now: new Date() }))) {
    if (category) await releaseQuotaSeat(q, { sessionId, category })
    return false
  }
  return true
}

/** Give a seat back (and its quota's): never below zero. */
export async function releaseSeat(tx: Queryable, sessionId: string, category: string | null) {
  const q = queries(tx)
  await releaseSessionSeat(q, { sessionId, now: new Date() })
  if (category) await releaseQuotaSeat(q, { sessionId, category })
}
