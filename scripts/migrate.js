// Applies Carnation's migrations on SQLite and on PostgreSQL, recording each in Prisma's own
// `_prisma_migrations` table (same columns, sha256 checksums of migration.sql), so a machine
// with Prisma's native engine agrees on what is applied. `prisma migrate deploy` cannot be
// used for PostgreSQL here (it fails through the pg adapter: STACK.md); one runner serves both.
//
// Each migration runs in its own transaction with its bookkeeping row: both engines have
// transactional DDL, so a migration that fails leaves no trace but a clear error, and the next
// start tries it again. On PostgreSQL an advisory lock lets one instance migrate while the
// others wait. A migration already applied whose file has changed stops the start.
//
//   node scripts/migrate.js            (npm run db:migrate) — DATABASE_URL picks the engine
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const DIRS = { sqlite: 'prisma/migrations', postgresql: 'prisma/postgres/migrations' }
const LOCK_KEY = 7220100 // pg_advisory_lock key: "carnation migrations"

const TABLE = {
  sqlite: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`,
  postgresql: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`,
}

// Prisma's own engine writes RFC 3339 with an explicit offset
const timestamp = () => new Date().toISOString().replace('Z', '+00:00')

export const engineOf = (url) => (/^postgres(ql)?:\/\//.test(url) ? 'postgresql' : 'sqlite')

/** The migrations in the repository for an engine, oldest first. */
export function migrationsFor(engine, dir = path.join(ROOT, DIRS[engine])) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => {
      const sql = fs.readFileSync(path.join(dir, d.name, 'migration.sql'), 'utf8')
      return { name: d.name, sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') }
    })
    .sort((a, b) => a.name.localeCompare(b.name))
}

/**
 * Bring the database at `url` up to date. Returns the names applied now. `dir` replaces the
 * repository's migrations folder for the engine (tests use it).
 * @param {string} [url]
 * @param {(line: string) => void} [log]
 * @param {string} [dir]
 * @returns {Promise<string[]>}
 */
export async function migrate(url = process.env.DATABASE_URL ?? 'file:./data/carnation.db', log = console.log, dir = undefined) {
  const engine = engineOf(url)
  const db = engine === 'postgresql' ? await postgres(url) : await sqlite(url)
  try {
    await db.lock()
    await db.exec(TABLE[engine])
    const rows = await db.query('SELECT "migration_name", "checksum", "finished_at", "rolled_back_at" FROM "_prisma_migrations"')
    const done = new Map(rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => [r.migration_name, r.checksum]))
    const applied = []
    for (const migration of migrationsFor(engine, dir)) {
      if (done.has(migration.name)) {
        if (done.get(migration.name) !== migration.checksum) {
          throw new Error(
            `Migration ${migration.name} was changed after it was applied (checksum differs). Restore the file; write a new migration for the change.`,
          )
        }
        continue
      }
      const started = timestamp()
      try {
        await db.transaction(async () => {
          await db.exec(migration.sql)
          await db.run(
            'INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "started_at", "applied_steps_count") VALUES ($1, $2, $3, $4, $5, 1)',
            [crypto.randomUUID(), migration.checksum, timestamp(), migration.name, started],
          )
        })
      } catch (error) {
        throw new Error(
          `Migration ${migration.name} failed and was rolled back; nothing of it is applied. Fix it and start again.\n${error.message}`,
        )
      }
      log(`[migrate] applied ${migration.name}`)
      applied.push(migration.name)
    }
    return applied
  } finally {
    await db.close()
  }
}

async function sqlite(url) {
  const { default: Database } = await import('better-sqlite3')
  const file = url.replace(/^file:/, '')
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const conn = new Database(file, { timeout: 10_000 })
  const positional = (sql) => sql.replace(/\$\d+/g, '?')
  return {
    // one writer at a time is SQLite's own rule; IMMEDIATE makes a second migrator wait
    lock: async () => {},
    exec: async (sql) => conn.exec(sql),
    query: async (sql) => conn.prepare(sql).all(),
    run: async (sql, params) => conn.prepare(positional(sql)).run(...params),
    transaction: async (fn) => {
      conn.exec('BEGIN IMMEDIATE')
      try {
        await fn()
        conn.exec('COMMIT')
      } catch (error) {
        conn.exec('ROLLBACK')
        throw error
      }
    },
    close: async () => conn.close(),
  }
}

async function postgres(url) {
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  return {
    // several instances starting together: one migrates, the others wait, then find it done
    lock: async () => void (await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY])),
    exec: async (sql) => void (await client.query(sql)),
    query: async (sql) => (await client.query(sql)).rows,
    run: async (sql, params) => void (await client.query(sql, params)),
    transaction: async (fn) => {
      await client.query('BEGIN')
      try {
        await fn()
        await client.query('COMMIT')
      } catch (error) {
        await client.query('ROLLBACK')
        throw error
      }
    },
    close: async () => client.end(), // ending the session releases the advisory lock
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  migrate().catch((error) => {
    console.error(`[migrate] ${error.message}`)
    process.exit(1)
  })
}
