// Starts Carnation: creates and migrates the database if needed, seeds demo data on first
// run, then serves the built Remix app with its background jobs.
import fs from 'node:fs'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { createRequestHandler } from '@remix-run/express'
import compression from 'compression'
import express from 'express'
import expressStaticGzip from 'express-static-gzip'
import morgan from 'morgan'
import { migrate } from './migrate.js'

process.env.NODE_ENV ??= 'production'
process.env.DATABASE_URL ??= 'file:./data/carnation.db'
try {
  await migrate(process.env.DATABASE_URL)
} catch (error) {
  console.error(`[migrate] ${error.message}`)
  process.exit(1)
}

// the demo data on a fresh database (SEED=true, the default), by a script of its own: the seed
// and its factories are not in the production bundle. It needs tsx (a development dependency,
// there wherever `npm start` can build); without it the server starts unseeded.
if ((process.env.SEED ?? 'true') === 'true') {
  const tsx = path.resolve('node_modules/tsx/dist/cli.mjs')
  if (!fs.existsSync(tsx)) console.warn('[seed] tsx is not installed (npm ci without dev dependencies?): no demo data')
  else {
    const seeded = spawnSync(process.execPath, [tsx, 'prisma/seed-cli.ts'], { stdio: 'inherit' })
    if (seeded.status !== 0) {
      console.error('[seed] the demo data could not be written')
      process.exit(1)
    }
  }
}

const BUILD_PATH = path.resolve('build/index.js')
const dev = process.env.NODE_ENV === 'development'
let build
try {
  build = await import(BUILD_PATH)
} catch (error) {
  // a refused configuration (e.g. SESSION_SECRET) says what to fix, without a stack
  console.error(`[start] ${error.message}`)
  process.exit(1)
}
// secrets in URLs (account links, offer tokens, calendar feeds) never reach a log line
build.entry.module.installLogRedaction()
await build.entry.module.boot()

const app = express()
app.disable('x-powered-by')
// once a stop has begun, a request that still arrives on an open keep-alive connection is
// answered and its connection closed behind it, so the phone's next request goes elsewhere
let stopping = false
app.use((req, res, next) => {
  if (stopping) res.setHeader('Connection', 'close')
  next()
})
// every request gets an id (kept from a proxy's X-Request-Id when it looks like one), sent back
// in the answer and written on its log line: a member's "it failed at 9:00:03" can be found
app.use((req, res, next) => {
  const given = req.headers['x-request-id']
  req.id = typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID()
  res.setHeader('X-Request-Id', req.id)
  next()
})
morgan.token('id', (req) => req.id)
morgan.token('safe-url', (req) => build.entry.module.redactSecrets(req.originalUrl ?? req.url))
// one line a request, after it is answered; LOG_REQUESTS=false silences it (benchmarks). The
// lines of one turn of the event loop go out in one write (a write is a system call: one per
// request was 4 % of a booking rush's CPU); a stop writes what is pending before it exits
let logLines = []
const flushLog = () => {
  if (logLines.length === 0) return
  process.stdout.write(logLines.join(''))
  logLines = []
}
const requestLog = {
  write: (line) => {
    if (logLines.length === 0) setImmediate(flushLog)
    logLines.push(line)
  },
}
if (process.env.LOG_REQUESTS !== 'false') {
  app.use(morgan(':date[iso] :id :method :safe-url :status :res[content-length] - :response-time ms', { stream: requestLog }))
}
// pages and scripts compressed (brotli or gzip, as the phone asks): the catalogue's HTML and
// JavaScript shrink to about a third; nginx in front may do it instead (docs/deploy.md)
app.use(compression())
// nosniff, Referrer-Policy, no framing, HSTS (pages add their CSP in app/entry.server.tsx)
app.use(build.entry.module.commonSecurityHeaders)
// the build's scripts as compressed at build time (scripts/precompress.js: brotli at its best
// quality, which would cost too much per request); anything else is compressed above
app.use(
  '/build',
  expressStaticGzip('public/build', {
    enableBrotli: true,
    orderPreference: ['br', 'gzip'],
    serveStatic: { immutable: true, maxAge: '1y' },
  }),
)
// the other files of public/ (icons, the door's service worker and manifest, the lottery
// verifier), listed once at start: a page's request does not ask the disk for a file first
const publicFiles = new Set(
  fs
    .readdirSync('public', { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map(
      (entry) =>
        `/${path
          .relative('public', path.join(entry.parentPath ?? entry.path, entry.name))
          .split(path.sep)
          .join('/')}`,
    )
    .filter((file) => !file.startsWith('/build/')),
)
const publicStatic = express.static('public', { maxAge: '1h' })
app.use((req, res, next) => (publicFiles.has(req.path) ? publicStatic(req, res, next) : next()))
// a form POST of known, bounded size, form-encoded, from this site — or a 4xx page, unread
app.use(build.entry.module.requestGuard())
// bounded queueing before the app: past it, a fast "busy, try again" page (503), not a long wait
app.use(build.entry.module.loadSheddingFromEnv().middleware)
// behind nginx set TRUST_PROXY (e.g. "loopback") so req.ip is the phone's, not nginx's. Unset
// behind a proxy, every phone has the proxy's address: the login and mail limits would count
// the whole city as one client — said loudly, once, the moment a proxied request shows it
if (process.env.TRUST_PROXY) app.set('trust proxy', process.env.TRUST_PROXY)
else {
  let warned = false
  app.use((req, res, next) => {
    if (!warned && req.headers['x-forwarded-for']) {
      warned = true
      console.warn(
        '[start] WARNING: requests arrive with X-Forwarded-For but TRUST_PROXY is not set: every client counts as the ' +
          `proxy's address ${req.socket.remoteAddress}, so one client's failed logins lock out everyone. ` +
          'Set TRUST_PROXY to the proxy (e.g. TRUST_PROXY=loopback), see docs/deploy.md.',
      )
    }
    next()
  })
}
const handle = (current) =>
  createRequestHandler({ build: current, mode: process.env.NODE_ENV, getLoadContext: (req) => ({ clientAddress: req.ip }) })
// `npm run dev` (remix dev --manual): each request takes the newest build, re-imported when
// the compiler rewrites it, and the dev server is told so (broadcastDevReady), so an edit
// reaches the running process without a restart
const handler = handle(build)
app.all('*', dev ? (req, res, next) => handle(build)(req, res, next) : handler)
if (dev) {
  const { broadcastDevReady } = await import('@remix-run/node')
  const { watch } = await import('node:fs')
  let reloading
  watch(path.dirname(BUILD_PATH), () => {
    clearTimeout(reloading)
    reloading = setTimeout(async () => {
      build = await import(`${BUILD_PATH}?t=${Date.now()}`)
      await broadcastDevReady(build)
    }, 50)
  })
}

const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? '0.0.0.0'
const server = app.listen(port, host, async () => {
  console.log(`Carnation is running on http://localhost:${port}`)
  if (dev) await (await import('@remix-run/node')).broadcastDevReady(build)
})

// A graceful stop (a deploy, a restart): take no new connections, let the requests in flight
// finish (keep-alive connections are closed as soon as they are idle), let the jobs finish their tick,
// close the database, exit 0. Whatever is still running after SHUTDOWN_GRACE_MS is cut.
const grace = Number(process.env.SHUTDOWN_GRACE_MS ?? 10_000)
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.log(`[stop] ${signal}: finishing requests in flight`)
    stopping = true
    const deadline = setTimeout(() => {
      console.error('[stop] requests still running after the grace period: cut')
      server.closeAllConnections()
      flushLog()
      process.exit(1)
    }, grace)
    deadline.unref()
    server.close(async () => {
      await build.entry.module.shutdown()
      flushLog()
      console.log('[stop] stopped')
      process.exit(0)
    })
    // a connection whose request was in flight becomes idle when it is answered: close it then
    server.closeIdleConnections()
    setInterval(() => server.closeIdleConnections(), 20).unref()
  })
}
