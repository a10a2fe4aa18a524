import type { SqlDriverAdapter } from '@prisma/driver-adapter-utils'
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import type Database from 'better-sqlite3'
import { PrismaClient } from '~/generated/prisma/client'
import { getEnv } from './env.server'

export type Db = PrismaClient
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0]

// The driver adapter is chosen from DATABASE_URL; env.server.ts only lets SQLite URLs
// through for now. Domain code never uses SQLite-specific SQL.
export function createClient(databaseUrl: string): PrismaClient {
  // better-sqlite3 waits up to 10 s on a lock held by another process (two app instances).
  const factory = new PrismaBetterSQLite3({ url: databaseUrl, timeout: 10_000 })
  const connect = factory.connect.bind(factory)
  factory.connect = async () => beginImmediate(await connect())
  return new PrismaClient({ adapter: factory })
}

/**
 * The adapter opens transactions with a plain (deferred) BEGIN, and runs queries from outside
 * a transaction on the same connection, so a read from another request can slip in between
 * BEGIN and the transaction's first write. The transaction then holds a read snapshot, and
 * SQLite answers SQLITE_BUSY at once — without waiting — when another process (a second
 * app instance, the worker) holds the write lock. BEGIN IMMEDIATE takes the write lock at
 * the start, waiting for it like any other lock (docs/decisions/0003-database.md).
 */
function beginImmediate(adapter: SqlDriverAdapter) {
  const client = (adapter as unknown as { client: Database.Database }).client
  const prepare = client.prepare.bind(client)
  client.prepare = ((sql: string) => prepare(sql === 'BEGIN' ? 'BEGIN IMMEDIATE' : sql)) as typeof client.prepare
  return adapter
}

const globalForDb = globalThis as unknown as { carnationDb?: PrismaClient }

export const db: PrismaClient = (globalForDb.carnationDb ??= createClient(getEnv().DATABASE_URL))
