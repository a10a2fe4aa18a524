import http from 'node:http'
import net from 'node:net'
import { afterAll, describe, expect, test } from 'vitest'
import { db } from '~/utils/db.server'
import { testClock } from '../clock'
import { postgresAdmin } from '../engine'
import { testEngine } from '../engine'
import { createDepartment, createProgramme, createSession, createUser } from '../factories'
import { expectInvariants } from './invariants'
import { freePort, startRealServer, type RealServer } from './real-server'

// What a PostgreSQL restart, a failover or a network cut does to a running instance: the
// real server under a rush while its database connections are ended from the database side
// (pg_terminate_backend, what a restart does), and while the database cannot be reached at
// all. The process must live, every answer must be a booking, a waitlist place or the 503
// "busy" page, and it must come back by itself. PostgreSQL only (npm run test:pg).

const servers: RealServer[] = []
afterAll(() => servers.forEach((s) => s.stop()))

type Answer = { status: number; retryAfter?: string }
function postForm(port: number, path: string, cookie: string, fields: Record<string, string>) {
  const body = new URLSearchParams(fields).toString()
  return new Promise<Answer>((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent: false,
        headers: {
          Cookie: cookie,
          Host: `127.0.0.1:${port}`,
          'Content-Type': 'application/x-www-form-urlencoded',
          'Content-Length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] as string | undefined }))
      },
    )
    req.on('error', () => resolve({ status: 0 })) // a dead server: counted as a failure
    req.end(body)
  })
}

/** A TCP forwarder in front of PostgreSQL that the test can cut (refuse and drop everything) and restore. */
async function cuttableProxy(targetPort: number) {
  const port = await freePort()
  const sockets = new Set<net.Socket>()
  let server: net.Server | null = null
  const listen = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(targetPort, '127.0.0.1')
        for (const s of [client, upstream]) {
          sockets.add(s)
          s.on('close', () => sockets.delete(s))
          s.on('error', () => undefined)
        }
        client.pipe(upstream).pipe(client)
      })
      server.listen(port, '127.0.0.1', () => resolve())
    })
  await listen()
  return {
    port,
    async cut() {
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
      for (const s of sockets) s.destroy()
    },
    restore: listen,
    close() {
      server?.close()
      for (const s of sockets) s.destroy()
    },
  }
}

async function rushFixture(members: number, capacity: number) {
  const { now } = testClock()
  const dept = await createDepartment(db)
  const programme = await createProgramme(db, dept.id, { slug: `outage-${Math.random().toString(36).slice(2, 8)}`, kind: 'social' }, now)
  const session = await createSession(db, programme.id, { capacity }, now)
  const people = []
  for (let i = 0; i < members; i++) people.push(await createUser(db))
  return { programme, session, people }
}

/** Each member posts twice (a double submit), `concurrency` at a time. */
async function rush(server: RealServer, slug: string, sessionId: string, cookies: string[], concurrency: number) {
  const answers: Answer[] = []
  let next = 0
  const total = cookies.length * 2
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++
        answers.push(await postForm(server.port, `/programmes/${slug}`, cookies[i % cookies.length], { intent: 'book', sessionId }))
      }
    }),
  )
  return answers
}

function expectOnlyBookingsOrBusy(answers: Answer[]) {
  const wrong = answers.filter((a) => !(a.status >= 200 && a.status < 400) && !(a.status === 503 && a.retryAfter))
  expect(wrong.map((a) => a.status).slice(0, 20), `${wrong.length} answers neither a booking nor the busy page`).toEqual([])
}

async function expectOneConfirmationEach(sessionId: string) {
  const confirmed = await db.booking.findMany({ where: { sessionId, status: 'confirmed' }, select: { id: true } })
  const mail = await db.outboxMessage.groupBy({
    by: ['bookingId'],
    where: { kind: 'booking-confirmed', bookingId: { in: confirmed.map((b) => b.id) } },
    _count: true,
  })
  expect(mail).toHaveLength(confirmed.length)
  expect(mail.every((m) => m._count === 1)).toBe(true)
}

describe.runIf(testEngine() === 'postgresql')('the database goes away under a running instance', () => {
  test('connections ended several times a second during a rush: the process lives, every answer a booking or 503, counters equal rows', async () => {
    const { programme, session, people } = await rushFixture(120, 30)
    const url = new URL(process.env.DATABASE_URL!)
    url.searchParams.set('application_name', 'carnation_victim')
    const server = await startRealServer({ DATABASE_URL: url.toString(), DATABASE_POOL_SIZE: '6', LOG_REQUESTS: 'false' })
    servers.push(server)
    const cookies = await Promise.all(people.map((p) => server.loginCookie(p.id)))

    const admin = await postgresAdmin()
    let terminated = 0
    let killing = true
    const killer = (async () => {
      while (killing) {
        const { rowCount } = await admin.query(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'carnation_victim' AND pid <> pg_backend_pid()",
        )
        terminated += rowCount ?? 0
        await new Promise((r) => setTimeout(r, 150))
      }
    })()
    const answers = await rush(server, programme.slug, session.id, cookies, 24)
    killing = false
    await killer
    await admin.end()

    expect(terminated, 'connections were really ended').toBeGreaterThan(5)
    expect(server.child.exitCode, `the server died: ${server.output.stderr.slice(-2000)}`).toBeNull()
    expectOnlyBookingsOrBusy(answers)
    // still up, and books again
    expect((await fetch(`${server.base}/healthz`)).status).toBe(200)
    const late = await createUser(db)
    const again = await postForm(server.port, `/programmes/${programme.slug}`, await server.loginCookie(late.id), {
      intent: 'book',
      sessionId: session.id,
    })
    expect(again.status).toBeLessThan(400)
    expect(await db.booking.count({ where: { bookerId: late.id } })).toBe(1)
    await expectInvariants(session.id)
    await expectOneConfirmationEach(session.id)
    const perMember = await db.booking.groupBy({ by: ['bookerId'], where: { sessionId: session.id }, _count: true })
    expect(perMember.every((m) => m._count === 1)).toBe(true)
  }, 120_000)

  test('the database unreachable for ten seconds: 503 with Retry-After meanwhile, back by itself', async () => {
    const { programme, session, people } = await rushFixture(40, 10)
    const url = new URL(process.env.DATABASE_URL!)
    const proxy = await cuttableProxy(Number(url.port || 5432))
    url.host = `127.0.0.1:${proxy.port}`
    const server = await startRealServer({ DATABASE_URL: url.toString(), DATABASE_POOL_SIZE: '4', LOG_REQUESTS: 'false' })
    servers.push(server)
    try {
      const cookies = await Promise.all(people.map((p) => server.loginCookie(p.id)))
      // warm: a few bookings go through
      expectOnlyBookingsOrBusy(await rush(server, programme.slug, session.id, cookies.slice(0, 5), 5))

      await proxy.cut()
      const during: Answer[] = []
      const until = Date.now() + 10_000
      let i = 5
      while (Date.now() < until) {
        during.push(
          await postForm(server.port, `/programmes/${programme.slug}`, cookies[i++ % cookies.length], {
            intent: 'book',
            sessionId: session.id,
          }),
        )
      }
      const health = await fetch(`${server.base}/healthz`)
      expect(health.status).toBe(503)
      await proxy.restore()

      expect(during.length).toBeGreaterThan(0)
      expect(
        during.every((a) => a.status === 503 && a.retryAfter),
        JSON.stringify(during.slice(0, 5)),
      ).toBe(true)
      expect(server.child.exitCode, `the server died: ${server.output.stderr.slice(-2000)}`).toBeNull()
      // back by itself: no restart, the pool reconnects
      let healthy = false
      for (let t = 0; t < 50 && !healthy; t++) {
        healthy = (await fetch(`${server.base}/healthz`)).ok
        if (!healthy) await new Promise((r) => setTimeout(r, 200))
      }
      expect(healthy).toBe(true)
      expectOnlyBookingsOrBusy(await rush(server, programme.slug, session.id, cookies.slice(5), 8))
      await expectInvariants(session.id)
      await expectOneConfirmationEach(session.id)
      expect(await db.booking.count({ where: { sessionId: session.id } })).toBe(people.length)
    } finally {
      proxy.close()
    }
  }, 120_000)
})
