import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, test, vi } from 'vitest'
import { db, engine } from '~/utils/db.server'
import { testClock } from '../clock'
import { createDepartment, createProgramme, createSession, createUser } from '../factories'
import { loginCookie, post } from './request'

// before the app's modules load: a lock held elsewhere is given up on after 20 ms, not 5 s
vi.hoisted(() => {
  process.env.DATABASE_BUSY_TIMEOUT_MS = '20'
})

// Through the real request handler of the production build (npm test builds first): when the
// database stays locked by another process past every retry, a booking is answered 503 with
// Retry-After and the "busy" page in the member's language — and nothing is written.
describe.runIf(engine === 'sqlite')('a database that stays busy', () => {
  test('a booking POST gets 503, Retry-After and the busy page; no booking, no seat, no mail', async () => {
    const buildFile = path.resolve('build/index.js')
    expect(fs.existsSync(buildFile), 'run `npm run build` first (npm test does)').toBe(true)
    const { now } = testClock()
    const dept = await createDepartment(db)
    const programme = await createProgramme(db, dept.id, { slug: 'busy-test' }, now)
    const session = await createSession(db, programme.id, {}, now)
    const member = await createUser(db)
    const cookie = await loginCookie(member.id)
    const { createRequestHandler } = await import('@remix-run/node')
    const handle = createRequestHandler(await import(buildFile), 'production')

    // another process holds the write lock
    const other = new Database(process.env.DATABASE_URL!.replace(/^file:/, ''))
    other.exec('BEGIN IMMEDIATE')
    try {
      const response = await handle(post('/programmes/busy-test', { intent: 'book', sessionId: session.id }, cookie))
      expect(response.status).toBe(503)
      expect(response.headers.get('Retry-After')).toBe('5')
      const page = await response.text()
      expect(page).toContain('现在报名的人很多')
    } finally {
      other.exec('ROLLBACK')
      other.close()
    }
    expect(await db.booking.count()).toBe(0)
    expect(await db.outboxMessage.count()).toBe(0)
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).seatsTaken).toBe(0)
  })
})
