import { db, type Tx } from '~/utils/db.server'
import type { SqlTx } from '~/utils/sql.server'

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

/**
 * tryTakeSeat for the booking hot path (hand-written SQL, app/utils/sql.server.ts): the same
 * conditional updates, so the same guarantee — the database refuses to go past capacity.
 */
export async function tryTakeSeatSql(tx: SqlTx, sessionId: string, category: string | null, now: Date) {
  if (category) {
    const quota = await tx.run(
      'UPDATE "Quota" SET "seatsTaken" = "seatsTaken" + 1 WHERE "sessionId" = ? AND "category" = ? AND "seatsTaken" < "capacity"',
      [sessionId, category],
    )
    if (quota === 0) return false
  }
  const session = await tx.run(
    'UPDATE "Session" SET "seatsTaken" = "seatsTaken" + 1, "updatedAt" = ? WHERE "id" = ? AND "status" = \'scheduled\' AND "seatsTaken" < "capacity"',
    [now, sessionId],
  )
  if (session === 0) {
    if (category) {
      await tx.run('UPDATE "Quota" SET "seatsTaken" = "seatsTaken" - 1 WHERE "sessionId" = ? AND "category" = ? AND "seatsTaken" > 0', [
        sessionId,
        category,
      ])
    }
    return false
  }
  return true
}
