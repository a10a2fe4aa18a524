import { randomBytes, randomUUID } from 'node:crypto'
import type Database from 'better-sqlite3'
import pg from 'pg'
import { db, drivers, engine, retryTransient } from './db.server'

/**
 * Hand-written SQL for the hot path only — the booking POST of an opening minute and the
 * login-session lookup every request makes (docs/decisions/0011-hot-path.md). Prisma costs
 * about a millisecond of CPU per statement; these run on the same drivers Prisma uses, in
 * the same transactions discipline (SQLite: the writer's lock and BEGIN IMMEDIATE;
 * PostgreSQL: the same pool, retried on serialization failures), for a few microseconds.
 * The SQL is the common subset of both engines: quoted identifiers, `?` placeholders
 * (numbered for PostgreSQL here), dates passed as UTC text in the format Prisma stores.
 * Everything else — and every rule — stays in Prisma code and in app/models.
 */
export type Param = string | number | boolean | Date | null
export type SqlTx = {
  all<T>(sql: string, params?: Param[]): Promise<T[]>
  /** rows changed */
  run(sql: string, params?: Param[]): Promise<number>
}

let connected: Promise<void> | null = null
const ready = () => (connected ??= db.$connect())

// ---- SQLite ------------------------------------------------------------------------------

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>()
function prepared(connection: Database.Database, sql: string) {
  let cache = statements.get(connection)
  if (!cache) statements.set(connection, (cache = new Map()))
  let statement = cache.get(sql)
  // Prisma's adapter turns on safeIntegers for its connection (every INTEGER read back as a
  // bigint); the hand-written statements read plain numbers, as the PostgreSQL path does
  if (!statement) cache.set(sql, (statement = connection.prepare(sql).safeIntegers(false)))
  return statement
}
// Prisma's SQLite adapter stores DateTime as ISO text with "+00:00" and booleans as 0/1
const sqliteParam = (p: Param) => (p instanceof Date ? p.toISOString().replace('Z', '+00:00') : typeof p === 'boolean' ? (p ? 1 : 0) : p)
const sqliteTx = (connection: Database.Database): SqlTx => ({
  all: async <T>(sql: string, params: Param[] = []) => prepared(connection, sql).all(...params.map(sqliteParam)) as T[],
  run: async (sql, params = []) => prepared(connection, sql).run(...params.map(sqliteParam)).changes,
})

// ---- PostgreSQL --------------------------------------------------------------------------

const numbered = new Map<string, string>()
function pgText(sql: string) {
  let text = numbered.get(sql)
  if (!text) {
    let n = 0
    numbered.set(sql, (text = sql.replace(/\?/g, () => `$${++n}`)))
  }
  return text
}
// timestamp(3) without time zone holds UTC (as Prisma writes it): send and read it as such
const pgParam = (p: Param) => (p instanceof Date ? p.toISOString().replace('T', ' ').replace('Z', '') : p)
const utcTimestamps: pg.CustomTypesConfig = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === 1114 ? (value: string) => new Date(`${value.replace(' ', 'T')}Z`) : pg.types.getTypeParser(oid, format),
}
const pgTx = (client: pg.PoolClient | pg.Pool): SqlTx => ({
  all: async <T>(sql: string, params: Param[] = []) =>
    (await client.query({ text: pgText(sql), values: params.map(pgParam), types: utcTimestamps })).rows as T[],
  run: async (sql, params = []) =>
    (await client.query({ text: pgText(sql), values: params.map(pgParam), types: utcTimestamps })).rowCount ?? 0,
})

// ---- both --------------------------------------------------------------------------------

/** Rows read outside a transaction (SQLite: the reader connection, which sees only committed data). */
export async function readRows<T>(sql: string, params: Param[] = []): Promise<T[]> {
  await ready()
  if (engine === 'sqlite') return sqliteTx(drivers.sqlite!.reader).all<T>(sql, params)
  return pgTx(drivers.pgPool!).all<T>(sql, params)
}

/**
 * One write transaction. On SQLite it holds the same lock as Prisma's transactions (so the
 * two never interleave on the shared connection); on PostgreSQL a serialization failure or
 * deadlock runs it again, like Prisma's (db.server.ts). Busy past the retries: DatabaseBusyError.
 */
export async function writeTransaction<T>(run: (tx: SqlTx) => Promise<T>): Promise<T> {
  await ready()
  return retryTransient(async () => {
    if (engine === 'sqlite') {
      const sqlite = drivers.sqlite!
      return sqlite.transaction(() => run(sqliteTx(sqlite.writer)))
    }
    const client = await drivers.pgPool!.connect()
    let failed = false
    try {
      await client.query('BEGIN')
      const result = await run(pgTx(client))
      await client.query('COMMIT')
      return result
    } catch (error) {
      failed = true
      await client.query('ROLLBACK').catch(() => undefined)
      throw error
    } finally {
      // after a failure the connection may be dead or mid-transaction: destroyed, not pooled
      client.release(failed || undefined)
    }
  })
}

/** A unique index refused the row (either engine's driver). */
export function isUniqueViolationSql(error: unknown) {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : ''
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505'
}

/** An id shaped like Prisma's cuid(): "c", time, counter and randomness in base 36. */
let counter = 0
export function newId() {
  counter = (counter + 1) % 1_679_616
  const random = BigInt(`0x${randomBytes(8).toString('hex')}`)
    .toString(36)
    .padStart(13, '0')
    .slice(-12)
  return `c${Date.now().toString(36).padStart(8, '0')}${counter.toString(36).padStart(4, '0')}${random}`
}

export const newUuid = () => randomUUID()

/** A date column as read back (SQLite gives text, PostgreSQL a Date). */
export const asDate = (value: unknown) => (value instanceof Date ? value : new Date(String(value)))
export const asDateOrNull = (value: unknown) => (value === null || value === undefined ? null : asDate(value))
