import { defineConfig } from 'prisma/config'
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'

// The CLI talks to SQLite through the same driver adapter as the app, so no
// native engine binary is ever downloaded (see docs/decisions/0001-stack.md).
// `DATABASE_URL=postgresql://… npm start` builds too: `prisma generate` runs this (SQLite)
// config first, and a PostgreSQL URL here would send it looking for a query engine to download;
// this config only ever means a SQLite file (the PostgreSQL twin has prisma/postgres/).
const given = process.env.DATABASE_URL
const databaseUrl = given && given.startsWith('file:') ? given : 'file:./data/carnation.db'
process.env.DATABASE_URL = databaseUrl

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  adapter: async () => new PrismaBetterSQLite3({ url: databaseUrl }),
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
})
