// npm run bench:pages — what a phone receives: the catalogue with 1 005 programmes and
// 6 231 sessions in the database, over real HTTP against the production server. Prints, per
// page, the HTML and JavaScript bytes (raw and as sent, compressed) and, for the catalogue,
// p50/p95 of 200 requests from one user; then the reload storm: 200 concurrent clients, logged
// in as a parent, GET a camp's programme page for 20 s (what a thousand parents do while they
// wait for the window to open), and the same storm on a bare Remix route rendering a page of the
// same size (scripts/page-floor, built and served like Carnation: remix-serve), in the same run.
// Goals: HTML < 60 KB, JS on the wire ≤ 150 KB, p95 < 100 ms, the storm ≥ 0.5× its floor.
// The last two lines are machine-readable (pages: …, storm: …). BENCH_STORM_S changes the storm's length;
// BENCH_NODE_ARGS="--cpu-prof" profiles the server, BENCH_FLOOR_NODE_ARGS the floor.
import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { cpuMs } from './process-cpu'
import { waitForHealth } from './wait-for-health'

const PORT = Number(process.env.BENCH_PORT ?? 3295)
const FLOOR_PORT = PORT + 1
const STORM_CLIENTS = 200
const STORM_MS = Number(process.env.BENCH_STORM_S ?? 20) * 1000
const file = path.resolve('tests/.tmp/bench-pages.db')
const DAY = 24 * 3600_000

/** GET with the phone's Accept-Encoding; the body's size as sent and its text. */
function get(url: string, options: { cookie?: string; agent?: http.Agent } = {}) {
  return new Promise<{ status: number; sent: number; encoding: string; body: Buffer; cookies: string[] }>((resolve, reject) => {
    const headers: Record<string, string> = { 'Accept-Encoding': 'br, gzip', 'Accept-Language': 'zh-CN' }
    if (options.cookie) headers.Cookie = options.cookie
    http
      .get(url, { headers, agent: options.agent }, async (res) => {
        const chunks: Buffer[] = []
        for await (const chunk of res) chunks.push(chunk as Buffer)
        const raw = Buffer.concat(chunks)
        const encoding = String(res.headers['content-encoding'] ?? 'identity')
        const zlib = await import('node:zlib')
        const body = encoding === 'br' ? zlib.brotliDecompressSync(raw) : encoding === 'gzip' ? zlib.gunzipSync(raw) : raw
        const cookies = (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0])
        resolve({ status: res.statusCode ?? 0, sent: raw.length, encoding, body, cookies })
      })
      .on('error', reject)
  })
}

async function seed(now: Date) {
  process.env.DATABASE_URL = `file:${file}`
  const { db } = await import('~/utils/db.server')
  const { createDepartment } = await import('../prisma/factories')
  const dept = await createDepartment(db)
  const kinds = ['camp', 'social', 'training', 'checkup'] as const
  const programmes = Array.from({ length: 1005 }, (_, i) => ({
    id: `cbench${String(i).padStart(19, '0')}`,
    slug: `bench-${i}`,
    departmentId: dept.id,
    kind: kinds[i % 4],
    titleZh: `职工活动第 ${i} 期`,
    titleEn: `Programme no. ${i}`,
    summaryZh: '市总工会女职工部为会员及其子女举办的活动，名额有限，先到先得。',
    summaryEn: 'A federation programme for members and their children; places are limited.',
    descriptionZh: '详细介绍',
    descriptionEn: 'Description',
    audience: i % 3 ? 'self' : 'child',
    bookingOpensAt: new Date(now.getTime() - DAY + i * 60_000),
    bookingClosesAt: new Date(now.getTime() + 90 * DAY),
    status: 'published',
  }))
  await db.programme.createMany({ data: programmes })
  const sessions = []
  for (let i = 0; sessions.length < 6231; i++) {
    const p = programmes[i % programmes.length]
    const startsAt = new Date(now.getTime() + (5 + (i % 80)) * DAY)
    sessions.push({
      programmeId: p.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * 3600_000),
      placeZh: '职工服务中心',
      placeEn: 'Service centre',
      capacity: 30,
    })
  }
  for (let i = 0; i < sessions.length; i += 2000) await db.session.createMany({ data: sessions.slice(i, i + 2000) })
  // the storm's parent: two children, signed in (the cookie as the server signs it)
  const { createChild, createUser } = await import('../prisma/factories')
  const parent = await createUser(db)
  for (const birthDate of [new Date('2016-04-01'), new Date('2018-09-01')]) await createChild(db, parent.id, { birthDate })
  const { createLogin } = await import('~/models/user/login.server')
  const { loginCookieStorage } = await import('~/utils/login-cookie.server')
  const login = await loginCookieStorage.getSession()
  login.set('sessionId', (await createLogin(parent.id)).id)
  const cookie = (await loginCookieStorage.commitSession(login)).split(';')[0]
  await db.$disconnect()
  return cookie
}

/** Node options for a server from the environment (BENCH_NODE_ARGS="--cpu-prof", say). */
const nodeArgs = (name: string) => (process.env[name] ?? '').split(' ').filter(Boolean)

/** STORM_CLIENTS clients, each a keep-alive connection, GET `url` back to back for STORM_MS from a
 * server (its pid): pages/s, p99 and the server's CPU ms per page. */
async function storm(url: string, serverPid: number | undefined, cookie?: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: STORM_CLIENTS })
  // connections opened before the clock starts
  await Promise.all(Array.from({ length: STORM_CLIENTS }, () => get(url, { cookie, agent })))
  const times: number[] = []
  let failed = 0
  const end = performance.now() + STORM_MS
  const started = performance.now()
  const cpuBefore = cpuMs(serverPid)
  await Promise.all(
    Array.from({ length: STORM_CLIENTS }, async () => {
      while (performance.now() < end) {
        const t = performance.now()
        const page = await get(url, { cookie, agent })
        if (page.status !== 200) failed++
        times.push(performance.now() - t)
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  const cpuPerPage = (cpuMs(serverPid) - cpuBefore) / times.length
  agent.destroy()
  times.sort((a, b) => a - b)
  return {
    pagesPerS: Math.round(times.length / seconds),
    p99: Math.round(times[Math.floor(times.length * 0.99)]),
    failed,
    cpuPerPage,
  }
}

/** The bare Remix floor, built if needed, serving a page as large as `bytes` of HTML. */
async function floorUrl(bytes: number) {
  const dir = path.resolve('scripts/page-floor')
  if (!fs.existsSync(path.join(dir, 'build/index.js'))) execFileSync('npx', ['remix', 'build'], { cwd: dir, stdio: 'ignore' })
  const server = spawn(
    process.execPath,
    [...nodeArgs('BENCH_FLOOR_NODE_ARGS'), path.resolve('node_modules/@remix-run/serve/dist/cli.js'), 'build/index.js'],
    {
      cwd: dir,
      env: { ...process.env, PORT: String(FLOOR_PORT), NODE_ENV: 'production' },
      stdio: 'ignore',
    },
  )
  const base = `http://127.0.0.1:${FLOOR_PORT}/`
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(base)).ok) break
    } catch {
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  // the route's loader is told a size; what it renders (with its hydration data) is measured and scaled
  let asked = bytes
  for (let i = 0; i < 3; i++) {
    const got = (await get(`${base}?bytes=${asked}`)).body.length
    asked = Math.round((asked * bytes) / got)
  }
  return { server, url: `${base}?bytes=${asked}`, html: (await get(`${base}?bytes=${asked}`)).body.length }
}

async function main() {
  // the bench signs the parent's login cookie itself: it and the server sign with the same secret
  process.env.SESSION_SECRET ??= `bench-${Math.random().toString(36).slice(2)}-${Date.now()}`
  fs.mkdirSync(path.dirname(file), { recursive: true })
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true })
  const server = spawn('node', [...nodeArgs('BENCH_NODE_ARGS'), 'scripts/start.js'], {
    env: { ...process.env, PORT: String(PORT), DATABASE_URL: `file:${file}`, SEED: 'false', NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  try {
    await waitForHealth(PORT)
    const cookie = await seed(new Date())
    const base = `http://127.0.0.1:${PORT}`
    const figures: Record<string, string | number> = {}
    for (const [name, url] of [
      ['catalogue', '/programmes'],
      ['home', '/'],
      ['programme', '/programmes/bench-3'],
    ] as const) {
      const page = await get(base + url)
      if (page.status !== 200) throw new Error(`${url}: ${page.status}`)
      const html = page.body.toString('utf8')
      const scripts = new Set([...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="(\/build\/[^"]+\.js)"/g)].map((m) => m[1]))
      let jsRaw = 0
      let jsSent = 0
      for (const src of scripts) {
        const js = await get(base + src)
        jsRaw += js.body.length
        jsSent += js.sent
      }
      console.log(
        `${name.padEnd(10)} html ${(page.body.length / 1024).toFixed(1)} KB (sent ${(page.sent / 1024).toFixed(1)} KB, ${page.encoding}) · js ${scripts.size} files ${(jsRaw / 1024).toFixed(0)} KB (sent ${(jsSent / 1024).toFixed(0)} KB)`,
      )
      figures[`${name}_html_kb`] = (page.body.length / 1024).toFixed(1)
      figures[`${name}_js_sent_kb`] = (jsSent / 1024).toFixed(0)
    }
    for (let i = 0; i < 20; i++) await get(`${base}/programmes`) // warm
    const times: number[] = []
    for (let i = 0; i < 200; i++) {
      const t = performance.now()
      await get(`${base}/programmes${i % 4 ? '' : `?page=${1 + (i % 50)}`}`)
      times.push(performance.now() - t)
    }
    times.sort((a, b) => a - b)
    figures.catalogue_p50_ms = times[100].toFixed(1)
    figures.catalogue_p95_ms = times[190].toFixed(1)
    // the reload storm: the camp's page as a signed-in parent sees it, then its floor
    const campUrl = `${base}/programmes/bench-0`
    const first = await get(campUrl, { cookie })
    // a parent's browser reloading has been here before: it sends back what the first page set
    // (the stylesheet is then linked from its cache, not carried in every page)
    const browser = [cookie, ...first.cookies].join('; ')
    const camp = await get(campUrl, { cookie: browser })
    if (camp.status !== 200 || !camp.body.toString('utf8').includes('孩子'))
      throw new Error(`${campUrl}: ${camp.status} without the parent's children`)
    const ours = await storm(campUrl, server.pid, browser)
    const floor = await floorUrl(camp.body.length)
    let theirs: Awaited<ReturnType<typeof storm>>
    try {
      theirs = await storm(floor.url, floor.server.pid)
    } finally {
      floor.server.kill()
    }
    console.log(
      `storm: Carnation ${ours.pagesPerS} pages/s p99 ${ours.p99} ms (${ours.failed} not 200), page ${(camp.body.length / 1024).toFixed(1)} KB, ` +
        `server CPU ${ours.cpuPerPage.toFixed(2)} ms/page · bare Remix ${theirs.pagesPerS} pages/s p99 ${theirs.p99} ms, page ` +
        `${(floor.html / 1024).toFixed(1)} KB, server CPU ${theirs.cpuPerPage.toFixed(2)} ms/page · ${(ours.pagesPerS / theirs.pagesPerS).toFixed(2)}× ` +
        `(CPU per page ${(theirs.cpuPerPage / ours.cpuPerPage).toFixed(2)}×)`,
    )
    console.log(
      `pages: ${Object.entries(figures)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
    )
    console.log(`storm: pages_per_s=${ours.pagesPerS} p99_ms=${ours.p99} floor_pages_per_s=${theirs.pagesPerS} floor_p99_ms=${theirs.p99}`)
  } finally {
    server.kill()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
