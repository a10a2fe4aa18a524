// npm run db:migration -- <name>
// Writes a migration for both engines from one schema change: diffs the schema as of the last
// migration (prisma/migrations/schema.snapshot.prisma) against prisma/schema.prisma, once for
// SQLite (prisma/migrations/<stamp>_<name>) and once for the PostgreSQL twin
// (prisma/postgres/migrations/<stamp>_<name>), and rewrites the twin schema.
// `prisma migrate dev` cannot run here (its shadow database fails under the wasm engine);
// the PostgreSQL diff needs a PostgreSQL server to talk to (DIFF_POSTGRES_URL, default the
// machine's 127.0.0.1:5432), though it changes nothing there.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { POSTGRES_SCHEMA, postgresSchema, SQLITE_SCHEMA } from './db-schemas.js'

const name = (process.argv[2] ?? '').replace(/[^a-z0-9_]/gi, '_')
if (!name) {
  console.error('usage: npm run db:migration -- <name>')
  process.exit(2)
}
const snapshot = 'prisma/migrations/schema.snapshot.prisma'
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14)
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'carnation-migration-'))

function diff(from, to, config, env = {}) {
  const source = from ? ['--from-schema-datamodel', from] : ['--from-empty']
  return execFileSync('npx', ['prisma', 'migrate', 'diff', '--config', config, ...source, '--to-schema-datamodel', to, '--script'], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  })
}

const previous = fs.existsSync(snapshot) ? snapshot : null
const sqlite = diff(previous, SQLITE_SCHEMA, 'prisma.config.ts')
if (!/\b(CREATE|ALTER|DROP)\b/.test(sqlite)) {
  console.log('No schema changes.')
  process.exit(0)
}
fs.writeFileSync(POSTGRES_SCHEMA, postgresSchema(fs.readFileSync(SQLITE_SCHEMA, 'utf8')))
let previousPostgres = null
if (previous) {
  previousPostgres = path.join(tmp, 'previous.prisma')
  fs.writeFileSync(previousPostgres, postgresSchema(fs.readFileSync(previous, 'utf8')))
}
const postgres = diff(previousPostgres, POSTGRES_SCHEMA, 'prisma/postgres/prisma.config.ts', {
  DATABASE_URL: process.env.DIFF_POSTGRES_URL ?? 'postgresql://root@127.0.0.1:5432/postgres',
})
for (const [dir, sql] of [
  ['prisma/migrations', sqlite],
  ['prisma/postgres/migrations', postgres],
]) {
  fs.mkdirSync(path.join(dir, `${stamp}_${name}`), { recursive: true })
  fs.writeFileSync(path.join(dir, `${stamp}_${name}`, 'migration.sql'), sql)
  console.log(`Wrote ${dir}/${stamp}_${name}/migration.sql`)
}
fs.copyFileSync(SQLITE_SCHEMA, snapshot)
fs.rmSync(tmp, { recursive: true, force: true })
