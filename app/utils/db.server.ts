import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQueryable } from '@prisma/driver-adapter-utils'
import type Database from 'better-sqlite3'
import { PrismaClient } from '~/generated/prisma/client'
import { PrismaClient as PostgresClient } from '~/generated/prisma-pg/client'
import { getEnv } from './env.server'

// One schema, two generated clients (prisma/schema.prisma and its PostgreSQL twin, see
// docs/decisions/0009-postgresql.md). They are the same API; the app is typed against the
// SQLite one. Domain code never uses engine-specific SQL.
export type Db = PrismaClient
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0]
export type Engine = 'sqlite' | 'postgresql'

export const engineOf = (url: string): Engine => (/^postgres(ql)?:\/\//.test(url) ? 'postgresql' : 'sqlite')

export function createClient(databaseUrl: string): PrismaClient {
  if (engineOf(databaseUrl) === 'postgresql') {
    const env = getEnv()
    const adapter = new PrismaPg({
      connectionString: databaseUrl,
      max: env.DATABASE_POOL_SIZE,
      statement_timeout: env.DATABASE_STATEMENT_TIMEOUT_MS,
      connectionTimeoutMillis: 5_000,
    })
    // a rush queues transactions behind the pool: let them wait their turn for a while
    const client = new PostgresClient({ adapter, transactionOptions: { maxWait: 10_000, timeout: 15_000 } })
    return client as unknown as PrismaClient
  }
  return new PrismaClient({ adapter: sqliteAdapter(databaseUrl) })
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
 */
function sqliteAdapter(databaseUrl: string): SqlDriverAdapterFactory {
  // better-sqlite3 waits up to 10 s on a lock held by another process
  const factory = () => new PrismaBetterSQLite3({ url: databaseUrl, timeout: 10_000 })
  return {
    provider: 'sqlite',
    adapterName: '@prisma/adapter-better-sqlite3',
    async connect() {
      const [reader, writer] = await Promise.all([factory().connect(), factory().connect()])
      for (const adapter of [reader, writer]) tune(connectionOf(adapter))
      const client = connectionOf(writer)
      const prepare = client.prepare.bind(client)
      client.prepare = ((sql: string) => prepare(sql === 'BEGIN' ? 'BEGIN IMMEDIATE' : sql)) as typeof client.prepare
      // a write from outside a transaction becomes a transaction of its own on the writer:
      // on the reader it would wait for the write lock synchronously, blocking the event
      // loop the writer's open transaction needs to finish
      const alone = async <T>(run: (q: SqlQueryable) => Promise<T>) => {
        const tx = await writer.startTransaction()
        try {
          const result = await run(tx)
          await tx.executeRaw({ sql: 'COMMIT', args: [], argTypes: [] })
          return result
        } catch (error) {
          await tx.executeRaw({ sql: 'ROLLBACK', args: [], argTypes: [] })
          throw error
        } finally {
          await tx.commit() // releases the adapter's lock; the SQL above ended the transaction
        }
      }
      return {
        provider: writer.provider,
        adapterName: writer.adapterName,
        queryRaw: (query) => (isRead(query.sql) ? reader.queryRaw(query) : alone((tx) => tx.queryRaw(query))),
        executeRaw: (query) => (isRead(query.sql) ? reader.executeRaw(query) : alone((tx) => tx.executeRaw(query))),
        executeScript: (script) => writer.executeScript(script),
        startTransaction: (isolationLevel) => writer.startTransaction(isolationLevel),
        getConnectionInfo: () => writer.getConnectionInfo?.() ?? { supportsRelationJoins: false },
        async dispose() {
          await Promise.all([reader.dispose(), writer.dispose()])
        },
      } satisfies SqlDriverAdapter
    },
  }
}

const isRead = (sql: string) => /^\s*(SELECT|WITH)\b/i.test(sql)

const connectionOf = (adapter: SqlDriverAdapter) => (adapter as unknown as { client: Database.Database }).client

/** WAL: readers never wait for the writer; in WAL mode NORMAL cannot corrupt, it skips an fsync a commit. */
function tune(connection: Database.Database) {
  connection.pragma('journal_mode = WAL')
  connection.pragma('synchronous = NORMAL')
}

const globalForDb = globalThis as unknown as { carnationDb?: PrismaClient }

export const db: PrismaClient = (globalForDb.carnationDb ??= createClient(getEnv().DATABASE_URL))
export const engine: Engine = engineOf(getEnv().DATABASE_URL)
