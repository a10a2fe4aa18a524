import fs from 'node:fs'
import path from 'node:path'
import { afterAll, afterEach, beforeEach, vi } from 'vitest'
import { postgresAdmin, postgresUrlFor, templateDatabase, testDatabaseName, testEngine } from './engine'

// Runs before each test file's imports: point the app's db singleton at a private database —
// a copy of the migrated base file on SQLite, a database made from the migrated template on
// PostgreSQL — and empty it before every test.
const engine = testEngine()
const name = testDatabaseName(Math.random().toString(36).slice(2, 8))
const file = path.resolve(`tests/.tmp/${name}.db`)
if (engine === 'postgresql') {
  const admin = await postgresAdmin()
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${templateDatabase()}"`)
  await admin.end()
  process.env.DATABASE_URL = postgresUrlFor(name)
} else {
  fs.copyFileSync(path.resolve('tests/.tmp/base.db'), file)
  process.env.DATABASE_URL = `file:${file}`
}
process.env.NODE_ENV = 'test'

const TABLES = [
  'RateLimiterFlexible',
  'MemberRecord',
  'AccountToken',
  'Consent',
  'AuditLog',
  'Lottery',
  'LotteryEntry',
  'OutboxMessage',
  'Booking',
  'Quota',
  'Session',
  'Programme',
  'Child',
  'AuthSession',
  'User',
  'Department',
]

beforeEach(async () => {
  const { db } = await import('~/utils/db.server')
  if (engine === 'postgresql') await db.$executeRawUnsafe(`TRUNCATE ${TABLES.map((t) => `"${t}"`).join(', ')} CASCADE`)
  else for (const table of TABLES) await db.$executeRawUnsafe(`DELETE FROM "${table}"`)
})

// A console.error during a test is a bug somewhere: fail the test.
let consoleErrors: unknown[][] = []
beforeEach(() => {
  consoleErrors = []
  vi.spyOn(console, 'error').mockImplementation((...args) => {
    consoleErrors.push(args.map((a) => (a instanceof Error ? a.stack : a)))
  })
})
afterEach(() => {
  vi.restoreAllMocks()
  if (consoleErrors.length) throw new Error(`console.error was called: ${JSON.stringify(consoleErrors[0])}`)
})

afterAll(async () => {
  const { db } = await import('~/utils/db.server')
  await db.$disconnect()
  if (engine === 'postgresql') {
    const admin = await postgresAdmin()
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    await admin.end()
  } else {
    for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(f, { force: true })
  }
})
