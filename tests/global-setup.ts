import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { migrate } from '../scripts/migrate.js'
import { postgresAdmin, postgresUrlFor, TEMPLATE_DATABASE, testEngine } from './engine'

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
    // databases left behind by a run that was killed
    const stale = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'carnation_t_%'`)
    for (const { datname } of stale.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`)
    await admin.query(`DROP DATABASE IF EXISTS "${TEMPLATE_DATABASE}" WITH (FORCE)`)
    await admin.query(`CREATE DATABASE "${TEMPLATE_DATABASE}"`)
  } finally {
    await admin.end()
  }
  await migrate(postgresUrlFor(TEMPLATE_DATABASE), () => {})
}
