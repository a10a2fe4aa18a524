import pg from 'pg'
import { describe, expect, test } from 'vitest'
import * as programmeRoute from '~/routes/programmes.$slug'
import { db } from '~/utils/db.server'
import { testClock } from '../clock'
import { testEngine } from '../engine'
import { createDepartment, createProgramme, createSession, createUser } from '../factories'
import { expectInvariants } from './invariants'
import { loginCookie, post } from './request'

type Fn = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<unknown>

// The one retry policy, seen through the booking POST on PostgreSQL: the booking's own
// connection is ended by the database in the middle of its transaction (what a restart or a
// failover does). The transaction rolled back; the policy runs it again on a new connection, and
// the member gets their booking — once, with one audit entry and one mail.
describe.skipIf(testEngine() !== 'postgresql')('a booking whose connection dies mid-transaction', () => {
  test('is run again on a new connection: one booking, one seat, one mail, and the 303 back', async () => {
    const { now } = testClock()
    const dept = await createDepartment(db)
    const programme = await createProgramme(db, dept.id, { slug: 'retry-mid-transaction' }, now)
    const session = await createSession(db, programme.id, { capacity: 5 }, now)
    const member = await createUser(db)
    const cookie = await loginCookie(member.id)

    // another connection holds the session's row, so the booking's first update waits there
    const locker = new pg.Client({ connectionString: process.env.DATABASE_URL })
    // and a third watches pg_stat_activity outside any transaction (inside one it reads a snapshot)
    const watcher = new pg.Client({ connectionString: process.env.DATABASE_URL })
    await Promise.all([locker.connect(), watcher.connect()])
    try {
      await locker.query('BEGIN')
      await locker.query('SELECT 1 FROM "Session" WHERE "id" = $1 FOR UPDATE', [session.id])
      const answer = (programmeRoute.action as Fn)({
        request: post('/programmes/retry-mid-transaction', { intent: 'book', sessionId: session.id }, cookie),
        params: { slug: 'retry-mid-transaction' },
        context: {},
      })
      // find the booking's backend, waiting on the lock inside its transaction, and end it
      let pid: number | null = null
      for (let i = 0; i < 100 && pid === null; i++) {
        const { rows } = await watcher.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE 'UPDATE "Session"%'`,
        )
        pid = rows[0]?.pid ?? null
        if (pid === null) await new Promise((resolve) => setTimeout(resolve, 50))
      }
      expect(pid, 'the booking never reached its transaction').not.toBeNull()
      const { rows } = await watcher.query<{ ended: boolean }>('SELECT pg_terminate_backend($1) AS ended', [pid])
      expect(rows[0].ended).toBe(true)
      await locker.query('COMMIT')
      const response = (await answer) as Response
      expect(response.status).toBe(303)
    } finally {
      await Promise.all([locker.end(), watcher.end()])
    }
    const bookings = await db.booking.findMany({ where: { sessionId: session.id } })
    expect(bookings.map((b) => b.status)).toEqual(['confirmed'])
    expect(await db.auditLog.count({ where: { action: 'booking.confirmed', entityId: bookings[0].id } })).toBe(1)
    expect(await db.outboxMessage.count({ where: { bookingId: bookings[0].id } })).toBe(1)
    await expectInvariants(session.id)
  })
})
