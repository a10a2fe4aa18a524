// One schema is the source of truth: prisma/schema.prisma (SQLite, the embedded default).
// The PostgreSQL schema is derived from it — only the provider and the client's output
// differ — and checked in, so a reviewer sees it; tests/integration/schema-sync.test.ts fails
// when it is stale. `node scripts/db-schemas.js` (run by `npm run db:generate`) rewrites it.
import fs from 'node:fs'
import { fileURLToPath } from 'node:url'

export const SQLITE_SCHEMA = 'prisma/schema.prisma'
export const POSTGRES_SCHEMA = 'prisma/postgres/schema.prisma'

/** The PostgreSQL twin of a SQLite schema text. */
export function postgresSchema(sqliteText) {
  const replaced = sqliteText
    // the query layer's types come from the SQLite schema alone (the same tables)
    .replace(/\n(\/\/[^\n]*\n)*generator kysely \{[^}]*\}\n/, '\n')
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('output     = "../generated/prisma"', 'output     = "../../generated/prisma-pg"')
  if (!replaced.includes('provider = "postgresql"') || !replaced.includes('prisma-pg')) {
    throw new Error(`${SQLITE_SCHEMA}: the datasource provider or generator output line has changed; update scripts/db-schemas.js`)
  }
  return `// GENERATED from ../schema.prisma by scripts/db-schemas.js: edit that file, not this one.\n${replaced}`
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  fs.mkdirSync('prisma/postgres', { recursive: true })
  fs.writeFileSync(POSTGRES_SCHEMA, postgresSchema(fs.readFileSync(SQLITE_SCHEMA, 'utf8')))
}
