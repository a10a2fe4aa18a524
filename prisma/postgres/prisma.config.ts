import { defineConfig } from 'prisma/config'
import { PrismaPg } from '@prisma/adapter-pg'

// The CLI's view of the PostgreSQL twin (generate, migrate diff). The app applies migrations
// with its own runner (scripts/migrate.js): `prisma migrate deploy` through the pg adapter
// fails on these machines (STACK.md).
const databaseUrl = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : 'postgresql://localhost:5432/unused'
process.env.DATABASE_URL = databaseUrl

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  adapter: async () => new PrismaPg({ connectionString: databaseUrl }),
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
})
