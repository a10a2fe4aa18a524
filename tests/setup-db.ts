import fs from 'node:fs'
import path from 'node:path'
import { afterAll, afterEach, beforeEach, vi } from 'vitest'

// Runs before each test file's imports: point the app's db singleton at a private copy.
const base = path.resolve('tests/.tmp/base.db')
const file = path.resolve(`tests/.tmp/test-${process.pid}-${Math.random().toString(36).slice(2)}.db`)
fs.copyFileSync(base, file)
process.env.DATABASE_URL = `file:${file}`
process.env.NODE_ENV = 'test'

const TABLES = ['AuditLog', 'OutboxMessage', 'Booking', 'Quota', 'Session', 'Programme', 'Child', 'AuthSession', 'User', 'Department']

beforeEach(async () => {
  const { db } = await import('~/utils/db.server')
  for (const table of TABLES) await db.$executeRawUnsafe(`DELETE FROM "${table}"`)
})

// A console.error during a test is a bug somewhere: fail the test.
let consoleErrors: unknown[][] = []
beforeEach(() => {
  consoleErrors = []
  vi.spyOn(console, 'error').mockImplementation((...args) => {
    consoleErrors.push(args)
  })
})
afterEach(() => {
  vi.restoreAllMocks()
  if (consoleErrors.length) throw new Error(`console.error was called: ${JSON.stringify(consoleErrors[0])}`)
})

afterAll(async () => {
  const { db } = await import('~/utils/db.server')
  await db.$disconnect()
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(f, { force: true })
})
