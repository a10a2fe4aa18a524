import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaClient } from '~/generated/prisma/client'
import { getEnv } from './env.server'

export type Db = PrismaClient
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0]

// The driver adapter is chosen from DATABASE_URL; env.server.ts only lets SQLite URLs
// through for now. Domain code never uses SQLite-specific SQL.
export function createClient(databaseUrl: string): PrismaClient {
  // better-sqlite3 waits up to 10 s on a lock held by another process (two app instances).
  const adapter = new PrismaBetterSQLite3({ url: databaseUrl, timeout: 10_000 })
  return new PrismaClient({ adapter })
}

const globalForDb = globalThis as unknown as { carnationDb?: PrismaClient }

export const db: PrismaClient = (globalForDb.carnationDb ??= createClient(getEnv().DATABASE_URL))
