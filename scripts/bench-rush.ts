// npm run bench:rush — a summer-camp opening minute over real HTTP against the production
// server: a 100-seat session, N logged-in members, 2 000 booking POSTs from 200 concurrent
// clients. Prints the figures; the last line is machine-readable.
import { spawn } from 'node:child_process'
import http from 'node:http'
import fs from 'node:fs'
import path from 'node:path'

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 200)
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 1000)
const CAPACITY = 100
const PORT = Number(process.env.BENCH_PORT ?? 3290)
const file = path.resolve('tests/.tmp/bench.db')
const url = `file:${file}`

async function main() {
  const now = new Date()
  fs.mkdirSync(path.dirname(file), { recursive: true })
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true })
  // the app modules read DATABASE_URL when first imported
  process.env.DATABASE_URL = url
  const { db } = await import('~/utils/db.server')
  const { createDepartment, createProgramme, createSession, createUser } = await import('../tests/factories')

  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)
  const server = spawn('node', [...nodeArgs, 'scripts/start.js'], {
    env: { ...process.env, PORT: String(PORT), DATABASE_URL: url, SEED: 'false', NODE_ENV: 'production', INSECURE_COOKIES: 'true' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  try {
    await waitForHealth()
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
    for (let i = 0; i < 40; i++) {
      const headers = { Cookie: cookies[i % MEMBERS], 'Content-Type': 'application/x-www-form-urlencoded' }
      await (await fetch(`http://127.0.0.1:${PORT}/programmes/warm-up`, { headers })).arrayBuffer()
      const body = new URLSearchParams({ intent: 'book', sessionId: warmSession.id })
      await (await fetch(`http://127.0.0.1:${PORT}/programmes/warm-up`, { method: 'POST', headers, body, redirect: 'manual' })).arrayBuffer()
    }
    console.log(`rush: ${MEMBERS} members, ${REQUESTS} POSTs, ${CONCURRENCY} concurrent clients, ${CAPACITY} seats`)

    const latencies: number[] = []
    const trace: { i: number; start: number; ms: number }[] = []
    let errors = 0
    let next = 0
    const started = performance.now()
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < REQUESTS) {
          const i = next++
          const t0 = performance.now()
          try {
            const status = await postForm('/programmes/rush', cookies[i % MEMBERS], { intent: 'book', sessionId: session.id })
            if (status >= 500) errors++
          } catch {
            errors++
          }
          latencies.push(performance.now() - t0)
          if (process.env.BENCH_DEBUG) trace.push({ i, start: t0 - started, ms: performance.now() - t0 })
        }
      }),
    )
    const seconds = (performance.now() - started) / 1000
    const confirmed = await db.booking.count({ where: { sessionId: session.id, status: 'confirmed' } })
    const waitlisted = await db.booking.count({ where: { sessionId: session.id, status: 'waitlisted' } })
    const seats = (await db.session.findUniqueOrThrow({ where: { id: session.id } })).seatsTaken
    const overbooked = Math.max(0, confirmed - CAPACITY) + (seats === confirmed ? 0 : Math.abs(seats - confirmed))
    if (process.env.BENCH_DEBUG) console.log(trace.sort((a, b) => b.ms - a.ms).slice(0, 12).map((r) => `#${r.i} at ${Math.round(r.start)}ms took ${Math.round(r.ms)}ms`).join('\n'))
    latencies.sort((a, b) => a - b)
    const pct = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))])
    await db.$disconnect()
    console.log(
      `rush: confirmed=${confirmed} waitlisted=${waitlisted} errors=${errors} overbooked=${overbooked} rps=${Math.round(REQUESTS / seconds)} p50_ms=${pct(0.5)} p99_ms=${pct(0.99)}`,
    )
  } finally {
    server.kill('SIGTERM')
  }
}

// node:http with one keep-alive socket per client: undici's fetch queued requests inside the
// benchmark itself and measured its own backlog rather than the server
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY })
function postForm(path: string, cookie: string, fields: Record<string, string>) {
  const body = new URLSearchParams(fields).toString()
  return new Promise<number>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: PORT,
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
  const { createAuthSession } = await import('~/models/user/auth-session.server')
  const { sessionStorage } = await import('~/utils/session.server')
  const { id } = await createAuthSession(userId)
  const session = await sessionStorage.getSession()
  session.set('sessionId', id)
  return (await sessionStorage.commitSession(session)).split(';')[0]
}

async function waitForHealth() {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/healthz`)).ok) return
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error('server did not start')
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
