import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { migrate } from '../scripts/migrate.js'
import { ownerPid, postgresAdmin, postgresUrlFor, templateDatabase, testEngine } from './engine'

// One migrated database per run; each test file works on its own copy of it (a file copy on
// SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL: tests/setup-db.ts).
export const BASE_DB = path.resolve('tests/.tmp/base.db')

export default async function setup() {
  fs.mkdirSync(path.dirname(BASE_DB), { recursive: true })
  if (testEngine() === 'postgresql') return setupPostgres()
  for (const f of fs.readdirSync(path.dirname(BASE_DB))) {
    if (f.endsWith('.db') || f.includes('.db-')) fs.rmSync(path.join(path.dirname(BASE_DB), f))
  }
  await migrate(`file:${BASE_DB}`, () => {})
  // as the app's connections are (app/utils/db.server.ts); the mode is kept in the file, so
  // every copy a test file makes is in WAL mode too
  const base = new Database(BASE_DB)
  base.pragma('journal_mode = WAL')
  base.close()
}

async function setupPostgres() {
  const admin = await postgresAdmin()
  try {
    // databases left behind by runs that were killed (their process is gone)
    const ours = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'carnation_t_%'`)
    for (const { datname } of ours.rows) {
      if (!isAlive(ownerPid(datname))) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`)
    }
    await admin.query(`DROP DATABASE IF EXISTS "${templateDatabase()}" WITH (FORCE)`)
    await admin.query(`CREATE DATABASE "${templateDatabase()}"`)
  } finally {
    await admin.end()
  }
  await migrate(postgresUrlFor(templateDatabase()), () => {})
  return async () => {
    const a = await postgresAdmin()
    await a.query(`DROP DATABASE IF EXISTS "${templateDatabase()}" WITH (FORCE)`)
    await a.end()
  }
}

function isAlive(pid: number) {
  if (!Number.isInteger(pid)) return false
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
