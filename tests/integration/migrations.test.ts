import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterEach, describe, expect, test } from 'vitest'
import { migrate } from '../../scripts/migrate.js'
import { postgresAdmin, postgresUrlFor, testDatabaseName, testEngine } from '../engine'

// The migration runner on the engine under test, with a migrations folder of its own.
const engine = testEngine()
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'carnation-migrations-'))
const quiet = () => {}
const cleanups: (() => Promise<void>)[] = []

async function emptyDatabase(what = 'migrations') {
  if (engine === 'sqlite') return `file:${path.join(tmp, `${Math.random().toString(36).slice(2)}.db`)}`
  const name = testDatabaseName(what)
  const admin = await postgresAdmin()
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  await admin.query(`CREATE DATABASE "${name}"`)
  await admin.end()
  cleanups.push(async () => {
    const a = await postgresAdmin()
    await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    await a.end()
  })
  return postgresUrlFor(name)
}

function write(dir: string, name: string, sql: string) {
  fs.mkdirSync(path.join(dir, name), { recursive: true })
  fs.writeFileSync(path.join(dir, name, 'migration.sql'), sql)
}

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

// ---- migrations against the schema -------------------------------------------------------
// Prisma's own diff cannot read a database through a driver adapter (its --from-url is refused
// with an adapter in prisma.config.ts), so the comparison is done here: one database built by
// the migrations, one built straight from the schema (Prisma's SQL for empty → schema), and
// their catalogues (tables, columns, types, defaults, indexes, keys) compared.
const SCHEMA = { sqlite: 'prisma/schema.prisma', postgresql: 'prisma/postgres/schema.prisma' }[engine]
const CONFIG = { sqlite: 'prisma.config.ts', postgresql: 'prisma/postgres/prisma.config.ts' }[engine]

function schemaSql(schemaFile: string) {
  return execFileSync(
    'npx',
    ['prisma', 'migrate', 'diff', '--config', CONFIG, '--from-empty', '--to-schema-datamodel', schemaFile, '--script'],
    {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: engine === 'postgresql' ? postgresUrlFor('postgres') : 'file:/dev/null' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
}

async function execute(url: string, sql: string) {
  if (engine === 'sqlite') {
    const db = new Database(url.replace(/^file:/, ''))
    db.exec(sql)
    db.close()
    return
  }
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  await client.query(sql)
  await client.end()
}

/** The database's shape, as the engine's own catalogue reports it (Prisma's bookkeeping left out). */
async function shapeOf(url: string) {
  if (engine === 'sqlite') {
    const db = new Database(url.replace(/^file:/, ''), { readonly: true })
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('_prisma_migrations', 'sqlite_sequence') ORDER BY name",
      )
      .all() as { name: string }[]
    const shape = tables.map(({ name }) => ({
      name,
      // column order is history (ALTER TABLE appends), not shape: compared by name
      columns: (db.pragma(`table_info("${name}")`) as { cid?: number; name: string }[])
        .map(({ cid: _cid, ...column }) => column)
        .sort((a, b) => a.name.localeCompare(b.name)),
      foreignKeys: (db.pragma(`foreign_key_list("${name}")`) as { id?: number; from: string }[])
        .map(({ id: _id, ...key }) => key)
        .sort((a, b) => a.from.localeCompare(b.from)),
      indexes: (db.pragma(`index_list("${name}")`) as { name: string; unique: number; partial: number }[])
        .map((i) => ({
          name: i.name,
          unique: i.unique,
          partial: i.partial,
          columns: (db.pragma(`index_info("${i.name}")`) as { seqno: number; name: string }[]).map(({ seqno, name }) => ({ seqno, name })),
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    }))
    db.close()
    return shape
  }
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const rows = async (sql: string) => (await client.query(sql)).rows
  const shape = {
    columns: await rows(
      `SELECT table_name, column_name, data_type, is_nullable, column_default, character_maximum_length, numeric_precision, datetime_precision
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY 1, 2`,
    ),
    indexes: await rows(
      `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1, 2`,
    ),
    constraints: await rows(
      `SELECT conrelid::regclass::text AS table, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
        WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT IN ('_prisma_migrations', '"_prisma_migrations"') ORDER BY 1, 2`,
    ),
    enums: await rows(`SELECT t.typname, e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid ORDER BY 1, e.enumsortorder`),
  }
  await client.end()
  return shape
}

describe('the migrations and prisma/schema.prisma agree', () => {
  test('the database the migrations build is the one the schema describes — and a schema change without its migration is seen', async () => {
    const migrated = await emptyDatabase('by_migrations')
    await migrate(migrated, quiet)
    const fromSchema = await emptyDatabase('by_schema')
    await execute(fromSchema, schemaSql(SCHEMA))
    expect(await shapeOf(migrated)).toEqual(await shapeOf(fromSchema))

    // the check can fail: the schema with one more column and one more index, no migration
    const drifted = path.join(tmp, 'drifted.prisma')
    fs.writeFileSync(
      drifted,
      fs.readFileSync(SCHEMA, 'utf8').replace(/model Department \{\n/, 'model Department {\n  motto String?\n  @@index([motto])\n'),
    )
    const fromDrifted = await emptyDatabase('by_drifted')
    await execute(fromDrifted, schemaSql(drifted))
    expect(await shapeOf(fromDrifted)).not.toEqual(await shapeOf(migrated))
  }, 60_000)
})

describe('migrations', () => {
  test('a migration that fails halfway leaves nothing of itself; fixed, the next start resumes; a changed applied one is refused', async () => {
    const url = await emptyDatabase()
    const dir = fs.mkdtempSync(path.join(tmp, 'm-'))
    write(dir, '001_first', 'CREATE TABLE "First" ("id" INTEGER PRIMARY KEY);')
    // its first statement works, its second fails
    write(dir, '002_second', 'CREATE TABLE "Second" ("id" INTEGER PRIMARY KEY);\nINSERT INTO "Nowhere" VALUES (1);')
    await expect(migrate(url, quiet, dir)).rejects.toThrow(/002_second failed and was rolled back/)
    // fixed: the next run applies only what is missing
    write(dir, '002_second', 'CREATE TABLE "Second" ("id" INTEGER PRIMARY KEY);')
    expect(await migrate(url, quiet, dir)).toEqual(['002_second'])
    expect(await migrate(url, quiet, dir)).toEqual([])
    // an applied migration edited afterwards stops the start
    write(dir, '001_first', 'CREATE TABLE "First" ("id" INTEGER PRIMARY KEY, "x" TEXT);')
    await expect(migrate(url, quiet, dir)).rejects.toThrow(/001_first was changed after it was applied/)
  })

  test('the real migrations apply to an empty database and are recorded in Prisma’s format', async () => {
    const url = await emptyDatabase()
    const applied = await migrate(url, quiet)
    expect(applied.length).toBeGreaterThan(0)
    expect(await migrate(url, quiet)).toEqual([])
  })
})
