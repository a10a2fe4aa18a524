import { createHash } from 'node:crypto'
import type Database from 'better-sqlite3'
import type { CompiledQuery, DatabaseConnection, QueryResult } from 'kysely'
import pg from 'pg'
import type { Tx } from './db.server'

/**
 * The connections the query layer's executors run compiled SQL on (app/utils/query.server.ts):
 * better-sqlite3's and pg's as Prisma's adapters hold them, and a Prisma interactive
 * transaction's own. Each writes and reads dates and booleans as Prisma stores them, so both
 * paths see the same values.
 */

// ---- SQLite ------------------------------------------------------------------------------

type Param = unknown
const statements = new WeakMap<Database.Database, Map<string, { statement: Database.Statement; decode: Decoder | null }>>()
type Decoder = (row: Record<string, unknown>) => Record<string, unknown>

/** Statements prepared once per connection; for a statement that returns rows, how its dates and booleans are read. */
function prepared(connection: Database.Database, sql: string) {
  let cache = statements.get(connection)
  if (!cache) statements.set(connection, (cache = new Map()))
  let entry = cache.get(sql)
  if (!entry) {
    // plain numbers, not bigints (as PostgreSQL's driver gives INTEGER columns)
    const statement = connection.prepare(sql).safeIntegers(false)
    entry = { statement, decode: statement.reader ? decoderOf(statement.columns()) : null }
    cache.set(sql, entry)
  }
  return entry
}

/** Prisma's SQLite columns: DateTime is DATETIME text ("…+00:00"), Boolean is BOOLEAN 0/1. */
function decoderOf(columns: Database.ColumnDefinition[]): Decoder | null {
  const dates = columns.filter((c) => c.type?.toUpperCase() === 'DATETIME').map((c) => c.name)
  const flags = columns.filter((c) => c.type?.toUpperCase() === 'BOOLEAN').map((c) => c.name)
  if (dates.length === 0 && flags.length === 0) return null
  return (row) => {
    for (const name of dates) if (row[name] !== null && row[name] !== undefined) row[name] = new Date(row[name] as string)
    for (const name of flags) if (row[name] !== null && row[name] !== undefined) row[name] = Boolean(row[name])
    return row
  }
}

/** How Prisma's SQLite adapter stores a date and a boolean, so both paths write the same text. */
const sqliteParam = (p: Param) => (p instanceof Date ? p.toISOString().replace('Z', '+00:00') : typeof p === 'boolean' ? (p ? 1 : 0) : p)

export function sqliteConnection(connection: Database.Database): DatabaseConnection {
  return {
    async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      const { statement, decode } = prepared(connection, query.sql)
      const params = query.parameters.map(sqliteParam)
      if (statement.reader) {
        const rows = statement.all(...params) as Record<string, unknown>[]
        return { rows: (decode ? rows.map(decode) : rows) as R[] }
      }
      const { changes } = statement.run(...params)
      return { rows: [], numAffectedRows: BigInt(changes) }
    },
    streamQuery: () => {
      throw new Error('not used')
    },
  }
}

// ---- PostgreSQL --------------------------------------------------------------------------

// timestamp(3) without time zone holds UTC (as Prisma writes it): sent and read as such
const pgParam = (p: Param) => (p instanceof Date ? p.toISOString().replace('T', ' ').replace('Z', '') : p)
const utcTimestamps: pg.CustomTypesConfig = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === 1114 ? (value: string) => new Date(`${value.replace(' ', 'T')}Z`) : pg.types.getTypeParser(oid, format),
}

// each statement prepared once per connection (named): the server parses and plans it once.
// The name is the text's hash, so every copy of this module sharing the pool names it alike.
const names = new Map<string, string>()
const statementName = (sql: string) => {
  let name = names.get(sql)
  if (!name) names.set(sql, (name = `k${createHash('sha256').update(sql).digest('base64url').slice(0, 24)}`))
  return name
}

export type PgClient = pg.PoolClient | pg.Pool
export function pgConnection(client: PgClient): DatabaseConnection & { client: PgClient; failed: boolean } {
  return {
    client,
    failed: false,
    async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      const result = await client.query({
        name: statementName(query.sql),
        text: query.sql,
        values: query.parameters.map(pgParam),
        types: utcTimestamps,
      })
      if (result.command === 'SELECT') return { rows: result.rows as R[] }
      return { rows: (result.rows ?? []) as R[], numAffectedRows: BigInt(result.rowCount ?? 0) }
    },
    streamQuery: () => {
      throw new Error('not used')
    },
  }
}

// ---- inside a Prisma transaction ---------------------------------------------------------

/** The same compiled SQL through the Prisma transaction's own connection (Prisma encodes the parameters as it stores them). */
export function prismaConnection(tx: Tx): DatabaseConnection {
  return {
    async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      const params = query.parameters as unknown[]
      if (returnsRows(query)) return { rows: await tx.$queryRawUnsafe<R[]>(query.sql, ...params) }
      return { rows: [], numAffectedRows: BigInt(await tx.$executeRawUnsafe(query.sql, ...params)) }
    },
    streamQuery: () => {
      throw new Error('not used')
    },
  }
}

function returnsRows(query: CompiledQuery) {
  const node = query.query as { kind: string; returning?: unknown }
  return node.kind === 'SelectQueryNode' || node.kind === 'RawNode' || Boolean(node.returning)
}
