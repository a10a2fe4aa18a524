// npm run bench:rush — a summer-camp opening minute over real HTTP against the production
// server: a 100-seat session, N logged-in members, 2 000 booking POSTs from 200 concurrent
// clients. Prints the figures; the last line is machine-readable.
//
// SQLite by default (a fresh tests/.tmp/bench.db). With DATABASE_URL=postgresql://…/name it
// drops and recreates that database (name must start with "bench" or "carnation_bench").
// BENCH_INSTANCES=2 starts two servers on the same database and spreads the POSTs over both.
// BENCH_QUESTIONS=5 (or any number) first runs the same rush on a second programme whose booking
// form asks that many registration questions (answered in every POST), and prints its line
// (rush-questions: …) before the plain one — the goal is within 10 % of the plain rush.
// Each line also gives the servers' CPU per POST (server_cpu_ms, from /proc), on a local
// PostgreSQL the database's (db_cpu_ms), and this load generator's own (client_cpu_ms): where
// the machine's cores went, steadier than bookings/s on a shared machine.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import http from 'node:http'
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { cpuMs, postgresCpuMs } from './process-cpu'
import { waitForHealth } from './wait-for-health'

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 200)
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 1000)
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 1)
const QUESTIONS = Number(process.env.BENCH_QUESTIONS ?? 0)
const CAPACITY = 100
const PORT = Number(process.env.BENCH_PORT ?? 3290)
const ports = Array.from({ length: INSTANCES }, (_, i) => PORT + i)
const file = path.resolve('tests/.tmp/bench.db')
const postgresUrl = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : null
const url = postgresUrl ?? `file:${file}`

/** A fresh, empty database for the run. */
async function freshDatabase() {
  if (!postgresUrl) {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true })
    return
  }
  const target = new URL(postgresUrl)
  const name = target.pathname.slice(1)
  if (!/^(carnation_)?bench\w*$/.test(name)) throw new Error(`refusing to drop ${name}: name the bench database bench… or carnation_bench…`)
  const admin = new URL(postgresUrl)
  admin.pathname = '/postgres'
  const client = new pg.Client({ connectionString: admin.toString() })
  await client.connect()
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  await client.query(`CREATE DATABASE "${name}"`)
  await client.end()
}

async function main() {
  const now = new Date()
  // the bench makes login cookies itself: it and the servers must sign with the same secret
  process.env.SESSION_SECRET ??= `bench-${Math.random().toString(36).slice(2)}-${Date.now()}`
  // production mode on PostgreSQL refuses to start without a key for the health notes
  process.env.DATA_KEY ??= randomBytes(32).toString('base64')
  await freshDatabase()
  // the app modules read DATABASE_URL when first imported
  process.env.DATABASE_URL = url
  const { db } = await import('~/utils/db.server')
  const { createDepartment, createProgramme, createQuestion, createSession, createUser } = await import('../prisma/factories')

  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)
  const servers: ChildProcess[] = []
  const start = (port: number) =>
    spawn('node', [...nodeArgs, 'scripts/start.js'], {
      env: { ...process.env, PORT: String(port), DATABASE_URL: url, SEED: 'false', NODE_ENV: 'production', INSECURE_COOKIES: 'true' },
      // its request log goes nowhere (an unread pipe would fill and stall the server); errors show
      stdio: ['ignore', 'ignore', 'inherit'],
    })
  try {
    // the first migrates the empty database; the others find it done
    servers.push(start(ports[0]))
    await waitForHealth(ports[0])
    for (const port of ports.slice(1)) servers.push(start(port))
    for (const port of ports.slice(1)) await waitForHealth(port)
    const dept = await createDepartment(db)
    const programme = await createProgramme(db, dept.id, { slug: 'rush', kind: 'camp' }, now)
    const session = await createSession(db, programme.id, { capacity: CAPACITY }, now)
    const members = []
    for (let i = 0; i < MEMBERS; i++) members.push(await createUser(db, { gender: i % 2 ? 'male' : 'female' }))
    const cookies = await Promise.all(members.map((m) => cookieFor(m.id)))
    // a server that has been up for a while (routes loaded, query plans compiled, JIT warm):
    // page views and bookings on another programme, both the confirmed and the waitlist path
    const warmProgramme = await createProgramme(db, dept.id, { slug: 'warm-up', kind: 'training' }, now)
    const warmSession = await createSession(db, warmProgramme.id, { capacity: 10 }, now)
    for (let i = 0; i < 40 * INSTANCES; i++) {
      const port = ports[i % INSTANCES]
      const headers = { Cookie: cookies[i % MEMBERS], 'Content-Type': 'application/x-www-form-urlencoded' }
      await (await fetch(`http://127.0.0.1:${port}/programmes/warm-up`, { headers })).arrayBuffer()
      const body = new URLSearchParams({ intent: 'book', sessionId: warmSession.id })
      await (
        await fetch(`http://127.0.0.1:${port}/programmes/warm-up`, { method: 'POST', headers, body, redirect: 'manual' })
      ).arrayBuffer()
    }
    const engine = postgresUrl ? 'postgresql' : 'sqlite'
    console.log(
      `rush: ${engine}, ${INSTANCES} instance(s) on ports ${ports.join(', ')}; ${MEMBERS} members, ${REQUESTS} POSTs, ${CONCURRENCY} concurrent clients, ${CAPACITY} seats`,
    )

    // Each client opens its connection first (a phone on the page has one by the time the
    // booking opens). Opening 200 at the start of the rush instead gave a few first-wave
    // requests a 4–7 s tail that never showed on the server (every request there took
    // < 1.5 s from arrival to answer): a connection-setup effect on this machine, printed
    // here as connect_ms rather than mixed into the booking latencies.
    const rush = async (label: string, slug: string, sessionId: string, answers: Record<string, string>) => {
      const connectStarted = performance.now()
      await Promise.all(
        Array.from(
          { length: CONCURRENCY },
          (_, i) =>
            new Promise<void>((resolve, reject) => {
              http
                .get({ host: '127.0.0.1', port: ports[i % INSTANCES], path: '/healthz', agent }, (res) => res.resume().on('end', resolve))
                .on('error', reject)
            }),
        ),
      )
      const connectMs = Math.round(performance.now() - connectStarted)
      const latencies: number[] = []
      const trace: { i: number; start: number; ms: number }[] = []
      let errors = 0
      let busy = 0
      let next = 0
      // the servers' CPU (and a local PostgreSQL's) per POST: where the machine's cores went
      const serversCpu = () => servers.reduce((sum, server) => sum + cpuMs(server.pid), 0)
      const cpuBefore = { servers: serversCpu(), database: postgresUrl ? postgresCpuMs() : 0, client: process.cpuUsage() }
      const started = performance.now()
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < REQUESTS) {
            const i = next++
            const t0 = performance.now()
            try {
              const status = await postForm(ports[i % INSTANCES], `/programmes/${slug}`, cookies[i % MEMBERS], {
                intent: 'book',
                sessionId,
                ...answers,
              })
              if (status === 503) busy++
              else if (status >= 500 || status === 400) errors++
            } catch {
              errors++
            }
            latencies.push(performance.now() - t0)
            if (process.env.BENCH_DEBUG) trace.push({ i, start: t0 - started, ms: performance.now() - t0 })
          }
        }),
      )
      const seconds = (performance.now() - started) / 1000
      const serverCpuMs = (serversCpu() - cpuBefore.servers) / REQUESTS
      const databaseCpuMs = postgresUrl ? (postgresCpuMs() - cpuBefore.database) / REQUESTS : 0
      const clientCpu = process.cpuUsage(cpuBefore.client)
      const clientCpuMs = (clientCpu.user + clientCpu.system) / 1000 / REQUESTS
      const confirmed = await db.booking.count({ where: { sessionId, status: 'confirmed' } })
      const waitlisted = await db.booking.count({ where: { sessionId, status: 'waitlisted' } })
      const seats = (await db.session.findUniqueOrThrow({ where: { id: sessionId } })).seatsTaken
      const overbooked = Math.max(0, confirmed - CAPACITY) + (seats === confirmed ? 0 : Math.abs(seats - confirmed))
      // every booking is one distinct member (double submits created nothing) and each
      // confirmation is in the outbox exactly once
      const bookings = await db.booking.findMany({ where: { sessionId }, select: { id: true, bookerId: true, status: true } })
      const duplicates = bookings.length - new Set(bookings.map((b) => b.bookerId)).size
      const confirmations = await db.outboxMessage.groupBy({
        by: ['bookingId'],
        where: { kind: 'booking-confirmed', bookingId: { in: bookings.filter((b) => b.status === 'confirmed').map((b) => b.id) } },
        _count: true,
      })
      const mailOk = confirmations.length === confirmed && confirmations.every((c) => c._count === 1)
      if (process.env.BENCH_DEBUG)
        console.log(
          trace
            .sort((a, b) => b.ms - a.ms)
            .slice(0, 12)
            .map((r) => `#${r.i} at ${Math.round(r.start)}ms took ${Math.round(r.ms)}ms`)
            .join('\n'),
        )
      latencies.sort((a, b) => a - b)
      const pct = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))])
      console.log(
        `${label}: engine=${engine} instances=${INSTANCES} confirmed=${confirmed} waitlisted=${waitlisted} duplicates=${duplicates} errors=${errors} busy=${busy} overbooked=${overbooked} confirmation_mail_once=${mailOk} rps=${Math.round(REQUESTS / seconds)} p50_ms=${pct(0.5)} p99_ms=${pct(0.99)} connect_ms=${connectMs} server_cpu_ms=${serverCpuMs.toFixed(2)}${postgresUrl ? ` db_cpu_ms=${databaseCpuMs.toFixed(2)}` : ''} client_cpu_ms=${clientCpuMs.toFixed(2)}`,
      )
    }
    if (QUESTIONS > 0) {
      // the same opening minute on programmes whose form asks QUESTIONS questions, every one
      // answered; alternated with the plain rush (a fresh programme each time) so both meet the
      // server equally warm — the first pair warms up, the second is the one to compare
      const kinds = [
        { type: 'text' as const, answer: '盐城港务集团' },
        { type: 'yesno' as const, answer: 'yes' },
        { type: 'phone' as const, answer: '13900001111' },
        {
          type: 'choice' as const,
          answer: 'o2',
          options: [
            { id: 'o1', zh: '小', en: 'S' },
            { id: 'o2', zh: '中', en: 'M' },
          ],
        },
        { type: 'number' as const, answer: '42' },
      ]
      for (const round of [1, 2]) {
        const asking = await createProgramme(db, dept.id, { slug: `rush-questions-${round}`, kind: 'camp' }, now)
        const askingSession = await createSession(db, asking.id, { capacity: CAPACITY }, now)
        const answers: Record<string, string> = {}
        for (let i = 0; i < QUESTIONS; i++) {
          const kind = kinds[i % kinds.length]
          const question = await createQuestion(db, asking.id, {
            type: kind.type,
            labelZh: `问题 ${i + 1}`,
            required: true,
            options: kind.options,
          })
          answers[`q_${question.id}_self`] = kind.answer
        }
        const plain = await createProgramme(db, dept.id, { slug: `rush-plain-${round}`, kind: 'camp' }, now)
        const plainSession = await createSession(db, plain.id, { capacity: CAPACITY }, now)
        await rush(round === 1 ? 'warm-up rush' : 'rush', `rush-plain-${round}`, plainSession.id, {})
        await rush(round === 1 ? 'warm-up rush-questions' : 'rush-questions', `rush-questions-${round}`, askingSession.id, answers)
        const stored = await db.answer.count({ where: { booking: { sessionId: askingSession.id } } })
        const booked = await db.booking.count({ where: { sessionId: askingSession.id } })
        if (stored !== QUESTIONS * booked) throw new Error(`answers stored: ${stored}, expected ${QUESTIONS} × ${booked}`)
      }
    }
    await rush('rush', 'rush', session.id, {})
    await db.$disconnect()
  } finally {
    for (const server of servers) server.kill('SIGTERM')
  }
}

// node:http with one keep-alive socket per client: undici's fetch queued requests inside the
// benchmark itself and measured its own backlog rather than the server
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY })
function postForm(port: number, path: string, cookie: string, fields: Record<string, string>) {
  const body = new URLSearchParams(fields).toString()
  return new Promise<number>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent,
        headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

async function cookieFor(userId: string) {
  const { createLogin } = await import('~/models/user/login.server')
  const { loginCookieStorage } = await import('~/utils/login-cookie.server')
  const { id } = await createLogin(userId)
  const session = await loginCookieStorage.getSession()
  session.set('sessionId', id)
  return (await loginCookieStorage.commitSession(session)).split(';')[0]
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
