import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import type { IsolationLevel, SqlDriverAdapter, SqlDriverAdapterFactory, SqlQueryable } from '@prisma/driver-adapter-utils'
import Database from 'better-sqlite3'
import pg from 'pg'
import { PrismaClient } from '../../generated/prisma/client'
import { PrismaClient as PostgresClient } from '../../generated/prisma-pg/client'
import { getEnv } from './env.server'
import { TRANSACTION_ATTEMPTS, transientCode } from './transient.server'

export { TRANSACTION_ATTEMPTS, transientCode }

// One schema, two generated clients (prisma/schema.prisma and its PostgreSQL twin, see
// docs/decisions/0009-postgresql.md). They are the same API; the app is typed against the
// SQLite one. Domain code never uses engine-specific SQL.
export type Db = PrismaClient
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0]
export type Engine = 'sqlite' | 'postgresql'

export const engineOf = (url: string): Engine => (/^postgres(ql)?:\/\//.test(url) ? 'postgresql' : 'sqlite')

/** A client for this URL; `into` receives its drivers (only the app's own client fills `drivers`). */
export function createClient(databaseUrl: string, into: Drivers = {}): PrismaClient {
  if (engineOf(databaseUrl) === 'postgresql') {
    const env = getEnv()
    // one pool for Prisma and for the query layer (query.server.ts)
    const pool = new pg.Pool({
      connectionString: databaseUrl,
      max: env.DATABASE_POOL_SIZE,
      statement_timeout: env.DATABASE_STATEMENT_TIMEOUT_MS,
      connectionTimeoutMillis: 5_000,
      // sorts and hash tables of the reports' grouped queries in memory (the server's 4 MB default spills to disk)
      options: '-c work_mem=32MB',
    })
    // an idle connection the server closed (restart, failover, a dropped test database): the
    // pool discards it and opens another when needed — not a reason to crash the process
    pool.on('error', (error) => warnConnectionLost('idle', error))
    // and every connection carries a listener of its own for its whole life: a connection that
    // dies while checked out (a restart, a failover, pg_terminate_backend) emits 'error' on
    // its client, and an 'error' event nobody listens to ends the process. The query in flight
    // fails as transient (retried, then 503); the pool drops the dead client and opens another.
    pool.on('connect', (client) => client.on('error', (error) => warnConnectionLost('in use', error)))
    into.pgPool = pool
    const adapter = new PrismaPg(pool)
    // a rush queues transactions behind the pool: let them wait their turn for a while
    const client = new PostgresClient({ adapter, transactionOptions: { maxWait: 10_000, timeout: 15_000 } })
    return retryingTransactions(client as unknown as PrismaClient)
  }
  return retryingTransactions(new PrismaClient({ adapter: sqliteAdapter(databaseUrl, into) }))
}

// a restart ends every connection at once: one line a second, not one per connection
let lastConnectionWarning = 0
function warnConnectionLost(state: string, error: Error) {
  if (Date.now() - lastConnectionWarning < 1000) return
  lastConnectionWarning = Date.now()
  console.warn(`[db] ${state} PostgreSQL connection lost: ${error.message}`)
}

/**
 * The database could not do it now — a serialization failure or deadlock that kept coming
 * back, a dropped connection, no connection free in time. Nothing was written (the
 * transaction rolled back); the web layer answers 503 with Retry-After.
 */
export class DatabaseBusyError extends Error {
  name = 'DatabaseBusyError'
  constructor(readonly causeCode: string) {
    super(`The database is busy (${causeCode}); nothing was written.`)
  }
}

/**
 * A unique index refused the row: the one reading, whichever way the statement went — Prisma's
 * P2002, a driver adapter's UniqueConstraintViolation (a raw statement in a Prisma
 * transaction), or the drivers' own codes (the query layer's transactions).
 */
export function isUniqueViolation(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false
  const e = error as { code?: unknown; kind?: unknown; cause?: unknown; meta?: { driverAdapterError?: { cause?: unknown } } }
  if (e.code === 'P2002' || e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
    return true
  if (e.kind === 'UniqueConstraintViolation') return true
  return isUniqueViolation(e.cause, depth + 1) || isUniqueViolation(e.meta?.driverAdapterError?.cause, depth + 1)
}

/**
 * An interactive transaction that fails for a transient reason rolled back completely, so it
 * is run again — up to TRANSACTION_ATTEMPTS times, with a short random pause — and then
 * reported as DatabaseBusyError. The domain's transactions are written to be re-runnable:
 * they read what they decide on inside the transaction.
 */
function retryingTransactions(client: PrismaClient): PrismaClient {
  const run = client.$transaction.bind(client) as (...args: unknown[]) => Promise<unknown>
  const retrying = (...args: unknown[]) => (typeof args[0] !== 'function' ? run(...args) : retryTransient(() => run(...args)))
  client.$transaction = retrying as PrismaClient['$transaction']
  return client
}

/**
 * The one retry policy, for Prisma's transactions and the query layer's (query.server.ts): a
 * transaction that failed for a transient reason rolled back completely, so it runs again, up
 * to TRANSACTION_ATTEMPTS times with a short random pause, and is then DatabaseBusyError.
 */
export async function retryTransient<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run()
    } catch (error) {
      const code = transientCode(error)
      if (!code) throw error
      if (attempt >= TRANSACTION_ATTEMPTS) throw new DatabaseBusyError(code)
      await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt * (0.5 + Math.random())))
    }
  }
}

/**
 * SQLite: two connections. The driver adapter runs queries from outside a transaction on the
 * connection a transaction may have open (it only makes transactions wait for each other),
 * so a page could read another request's uncommitted rows — seats taken by a booking that
 * then rolls back. Here reads go to a connection of their own, which in WAL mode sees only
 * committed data and never waits for the writer; transactions — and writes from outside
 * one, each made a transaction of its own — keep the other.
 *
 * Transactions start with BEGIN IMMEDIATE: with a deferred BEGIN a transaction that has read
 * cannot take the write lock while another process (a second app instance, the worker) holds
 * it, and SQLite answers SQLITE_BUSY at once instead of waiting (docs/decisions/0003-database.md).
 * IMMEDIATE waits up to DATABASE_BUSY_TIMEOUT_MS for the lock, then fails as transient.
 */
function sqliteAdapter(databaseUrl: string, into: Drivers): SqlDriverAdapterFactory {
  // better-sqlite3 waits this long on a lock held by another process (synchronously: keep it short)
  const timeout = getEnv().DATABASE_BUSY_TIMEOUT_MS
  const factory = () => new PrismaBetterSQLite3({ url: databaseUrl, timeout })
  return {
    provider: 'sqlite',
    adapterName: '@prisma/adapter-better-sqlite3',
    async connect() {
      const [reader, writer] = await Promise.all([factory().connect(), factory().connect()])
      // Prisma's two connections, tuned through the adapter's own API
      await Promise.all([reader.executeScript(PRAGMAS), writer.executeScript(PRAGMAS)])
      const raw = (sql: string) => ({ sql, args: [], argTypes: [] })
      // The adapter takes its lock and runs a deferred BEGIN, which cannot fail; that is
      // swapped for BEGIN IMMEDIATE, which can (busy) — then the adapter's lock is given back
      // here, as the adapter itself would not (a lock leaked there stops every later write).
      const startTransaction = async (isolationLevel?: IsolationLevel) => {
        const tx = await writer.startTransaction(isolationLevel)
        try {
          await tx.executeRaw(raw('ROLLBACK'))
          await tx.executeRaw(raw('BEGIN IMMEDIATE'))
        } catch (error) {
          await tx.rollback()
          throw error
        }
        return tx
      }
      // a write from outside a transaction becomes a transaction of its own on the writer:
      // on the reader it would wait for the write lock synchronously, blocking the event
      // loop the writer's open transaction needs to finish
      const alone = async <T>(run: (q: SqlQueryable) => Promise<T>) => {
        const tx = await startTransaction()
        try {
          const result = await run(tx)
          await tx.executeRaw(raw('COMMIT'))
          return result
        } catch (error) {
          await tx.executeRaw(raw('ROLLBACK'))
          throw error
        } finally {
          await tx.commit() // releases the adapter's lock; the SQL above ended the transaction
        }
      }
      // The query layer's two connections (app/utils/query.server.ts), opened here rather than
      // taken from inside the adapter. Its write transactions take their turn with Prisma's:
      // the adapter's lock is held (a deferred BEGIN on Prisma's writer holds no database lock)
      // while its own connection runs BEGIN IMMEDIATE … COMMIT.
      const own = () => tune(new Database(databaseUrl.replace(/^file:/, ''), { timeout }))
      const ownWriter = own()
      into.sqlite = {
        reader: own(),
        writer: ownWriter,
        async transaction<T>(run: () => Promise<T>) {
          const turn = await writer.startTransaction()
          try {
            ownWriter.exec('BEGIN IMMEDIATE')
            try {
              const result = await run()
              ownWriter.exec('COMMIT')
              return result
            } catch (error) {
              if (ownWriter.inTransaction) ownWriter.exec('ROLLBACK')
              throw error
            }
          } finally {
            // the adapter's transaction object only gives its lock back: the SQL ends it
            await turn.executeRaw(raw('ROLLBACK')).catch(() => undefined)
            await turn.rollback()
          }
        },
      }
      return {
        provider: writer.provider,
        adapterName: writer.adapterName,
        queryRaw: (query) => {
          statementsOutsideTransactions.count++
          return isRead(query.sql) ? reader.queryRaw(query) : alone((tx) => tx.queryRaw(query))
        },
        executeRaw: (query) => {
          statementsOutsideTransactions.count++
          return isRead(query.sql) ? reader.executeRaw(query) : alone((tx) => tx.executeRaw(query))
        },
        executeScript: (script) => writer.executeScript(script),
        startTransaction,
        getConnectionInfo: () => writer.getConnectionInfo?.() ?? { supportsRelationJoins: false },
        async dispose() {
          await Promise.all([reader.dispose(), writer.dispose()])
          into.sqlite?.reader.close()
          ownWriter.close()
        },
      } satisfies SqlDriverAdapter
    },
  }
}

/** SQLite: statements run outside transactions (a page's reads); tests count them per page. */
export const statementsOutsideTransactions = { count: 0 }

const isRead = (sql: string) => /^\s*(SELECT|WITH)\b/i.test(sql)

/**
 * WAL: readers never wait for the writer; in WAL mode NORMAL cannot corrupt, it skips an fsync
 * a commit. secure_delete: what is deleted or overwritten (an erased account, a purged note)
 * is zeroed in the file, not left in free pages (docs/privacy.md). temp_store: sorting and
 * grouping (the reports' COUNT DISTINCT, GROUP BY) in memory, not in temporary files.
 */
const PRAGMAS = 'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA secure_delete = ON; PRAGMA temp_store = MEMORY;'

function tune(connection: Database.Database) {
  connection.exec(PRAGMAS)
  return connection
}

/**
 * The drivers of the query layer (app/utils/query.server.ts): SQLite's two connections of its
 * own and its turn at the writer's lock, or the PostgreSQL pool Prisma shares. Set when the
 * client connects.
 */
export type Drivers = {
  sqlite?: { reader: Database.Database; writer: Database.Database; transaction<T>(run: () => Promise<T>): Promise<T> }
  pgPool?: pg.Pool
}

const globalForDb = globalThis as unknown as { carnationDb?: PrismaClient; carnationDrivers?: Drivers }
export const drivers: Drivers = (globalForDb.carnationDrivers ??= {})

export const db: PrismaClient = (globalForDb.carnationDb ??= createClient(getEnv().DATABASE_URL, drivers))
export const engine: Engine = engineOf(getEnv().DATABASE_URL)

/**
 * The one way the app writes: `write((tx) => …)` runs the callback as one transaction — on
 * SQLite under the writer connection's lock, on PostgreSQL retried when it meets a
 * serialization failure — so a change, its audit entry and its mail commit or roll back
 * together. The lint refuses a write on `db` itself, and `db.$transaction`, outside this file.
 */
export function write<T>(run: (tx: Tx) => Promise<T>, options?: { timeout?: number }): Promise<T> {
  return db.$transaction(run, options)
}

/**
 * SQLite: fold the write-ahead log into the database file and empty it, so data just erased
 * (secure_delete zeroes it in the file) is not still readable in older WAL frames. On a
 * connection of its own (a checkpoint cannot run inside the writer's transaction); best
 * effort while a reader holds an old snapshot. PostgreSQL: nothing to do here (docs/privacy.md).
 */
export async function checkpointSqlite() {
  const url = getEnv().DATABASE_URL
  if (engine !== 'sqlite') return
  const connection = new Database(url.replace(/^file:/, ''))
  try {
    connection.pragma('busy_timeout = 2000')
    connection.pragma('wal_checkpoint(TRUNCATE)')
  } finally {
    connection.close()
  }
}
