import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { migrate } from '../../scripts/migrate.js'
import { postgresAdmin, postgresUrlFor, testDatabaseName, testEngine } from '../engine'

// The migration runner on the engine under test, with a migrations folder of its own.
const engine = testEngine()
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'carnation-migrations-'))
const quiet = () => {}
let cleanup: (() => Promise<void>) | null = null

async function emptyDatabase() {
  if (engine === 'sqlite') return `file:${path.join(tmp, `${Math.random().toString(36).slice(2)}.db`)}`
  const name = testDatabaseName('migrations')
  const admin = await postgresAdmin()
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  await admin.query(`CREATE DATABASE "${name}"`)
  await admin.end()
  cleanup = async () => {
    const a = await postgresAdmin()
    await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    await a.end()
  }
  return postgresUrlFor(name)
}

function write(dir: string, name: string, sql: string) {
  fs.mkdirSync(path.join(dir, name), { recursive: true })
  fs.writeFileSync(path.join(dir, name, 'migration.sql'), sql)
}

afterEach(async () => {
  await cleanup?.()
  cleanup = null
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
