// Creates prisma/migrations/<timestamp>_<name>/migration.sql by diffing the schema as of the
// last migration (kept in prisma/migrations/schema.snapshot.prisma) against the current one.
// `prisma migrate dev` cannot run here (its shadow database fails under the wasm engine).
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const name = (process.argv[2] ?? '').replace(/[^a-z0-9_]/gi, '_')
if (!name) {
  console.error('usage: npm run db:migration -- <name>')
  process.exit(2)
}
const dir = 'prisma/migrations'
const snapshot = path.join(dir, 'schema.snapshot.prisma')
const from = fs.existsSync(snapshot) ? ['--from-schema-datamodel', snapshot] : ['--from-empty']
const sql = execFileSync(
  'npx',
  ['prisma', 'migrate', 'diff', ...from, '--to-schema-datamodel', 'prisma/schema.prisma', '--script'],
  { encoding: 'utf8' },
)
if (!/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
  console.log('No schema changes.')
  process.exit(0)
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14)
const target = path.join(dir, `${stamp}_${name}`)
fs.mkdirSync(target, { recursive: true })
fs.writeFileSync(path.join(target, 'migration.sql'), sql)
fs.copyFileSync('prisma/schema.prisma', snapshot)
if (!fs.existsSync(path.join(dir, 'migration_lock.toml'))) {
  fs.writeFileSync(path.join(dir, 'migration_lock.toml'), 'provider = "sqlite"\n')
}
console.log(`Wrote ${target}/migration.sql`)
