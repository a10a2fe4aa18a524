// npm run test:commands — the PostgreSQL commands the README documents, run as a new user would
// type them, on fresh databases: the start (to /healthz and a page) and a short rush. Part of
// `npm test` (after the vitest passes: both rebuild build/, which no other test may be reading),
// so a documented command that stops working fails the suite instead of the next new user.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import pg from 'pg'

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://root@127.0.0.1:5432/postgres'
const readme = fs.readFileSync('README.md', 'utf8')

async function reachable() {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    await client.end()
    return true
  } catch {
    return false
  }
}

function urlFor(database) {
  const url = new URL(ADMIN_URL)
  url.pathname = `/${database}`
  return url.toString()
}

async function freshDatabase(name) {
  const client = new pg.Client({ connectionString: ADMIN_URL })
  await client.connect()
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  await client.query(`CREATE DATABASE "${name}"`)
  await client.end()
}

const freePort = () =>
  new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address()
      probe.close(() => resolve(port))
    })
  })

/** This environment without the settings a new user would not have. */
function cleanEnv(extra) {
  const env = { ...process.env, ...extra }
  for (const name of ['SESSION_SECRET', 'DATA_KEY', 'DATABASE_URL', 'NODE_ENV']) delete env[name]
  return env
}

function fail(message) {
  console.error(`test:commands: ${message}`)
  process.exit(1)
}

if (!(await reachable())) {
  if (process.env.CI === 'true') fail(`PostgreSQL does not answer at ${ADMIN_URL}: CI needs it`)
  console.warn(`!!! PostgreSQL does not answer at ${ADMIN_URL}: the documented PostgreSQL commands were NOT run.`)
  process.exit(0)
}

// 1. the start, exactly as the README's PostgreSQL section gives it
const section = readme.slice(readme.indexOf('## PostgreSQL and several instances'))
const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1]
if (!block || !block.includes('npm start')) fail('README: no sh block with `npm start` under "PostgreSQL and several instances"')
const startDb = `carnation_cmd_${process.pid}_start`
await freshDatabase(startDb)
const port = await freePort()
const script = block.replace('postgresql://user@host:5432/db', urlFor(startDb))
console.log(`test:commands: running the README's PostgreSQL start on ${startDb}, port ${port}:\n${script}`)
const server = spawn('bash', ['-ec', script], {
  env: cleanEnv({ PORT: String(port) }),
  stdio: ['ignore', 'pipe', 'pipe'],
  detached: true,
})
let output = ''
server.stdout.on('data', (c) => (output += c))
server.stderr.on('data', (c) => (output += c))
const stop = () => {
  try {
    process.kill(-server.pid, 'SIGTERM')
  } catch {
    // gone already
  }
}
try {
  let healthy = false
  for (let i = 0; i < 240 && server.exitCode === null; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) {
        healthy = true
        break
      }
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  if (!healthy) fail(`the documented start did not answer /healthz:\n${output.slice(-3000)}`)
  const page = await fetch(`http://127.0.0.1:${port}/programmes`)
  const html = await page.text()
  if (page.status !== 200 || !html.includes('暑托班')) fail(`GET /programmes answered ${page.status} without the seeded camps`)
  console.log('test:commands: the documented PostgreSQL start answers /healthz and serves the seeded catalogue')
} finally {
  stop()
}

// 2. the rush on PostgreSQL, as the README's Performance section gives it, in short
const rushLine = readme.split('\n').find((line) => /^DATABASE_URL=postgresql:\S+ npm run bench:rush/.test(line))
if (!rushLine) fail('README: no `DATABASE_URL=postgresql://… npm run bench:rush` line')
const rush = spawnSync('bash', ['-ec', rushLine.replace(/\/carnation_bench\b/, `/carnation_bench_cmd_${process.pid}`)], {
  env: cleanEnv({ BENCH_REQUESTS: '200', BENCH_MEMBERS: '100' }),
  encoding: 'utf8',
})
const result = /rush: engine=postgresql .*/.exec(rush.stdout ?? '')?.[0]
if (rush.status !== 0 || !result)
  fail(`the documented PostgreSQL rush failed (${rush.status}):\n${(rush.stdout + rush.stderr).slice(-3000)}`)
console.log(`test:commands: ${result}`)
for (const [field, expected] of [
  ['errors', '0'],
  ['duplicates', '0'],
  ['overbooked', '0'],
  ['confirmation_mail_once', 'true'],
]) {
  if (new RegExp(`\\b${field}=(\\S+)`).exec(result)?.[1] !== expected) fail(`the rush's ${field} is not ${expected}: ${result}`)
}
const cleanup = new pg.Client({ connectionString: ADMIN_URL })
await cleanup.connect()
for (const name of [startDb, `carnation_bench_cmd_${process.pid}`]) await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
await cleanup.end()
console.log('test:commands: passed')
