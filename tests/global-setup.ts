import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'

// One migrated database per run; each test file works on its own copy of it.
export const BASE_DB = path.resolve('tests/.tmp/base.db')

export default function setup() {
  fs.mkdirSync(path.dirname(BASE_DB), { recursive: true })
  for (const f of fs.readdirSync(path.dirname(BASE_DB))) {
    if (f.endsWith('.db') || f.includes('.db-')) fs.rmSync(path.join(path.dirname(BASE_DB), f))
  }
  execFileSync('npx', ['prisma', 'migrate', 'deploy'], {
    env: { ...process.env, DATABASE_URL: `file:${BASE_DB}` },
    stdio: 'pipe',
  })
  // as the app does at boot (app/utils/boot.server.ts); the mode is kept in the file, so
  // every copy a test file makes is in WAL mode too
  const base = new Database(BASE_DB)
  base.pragma('journal_mode = WAL')
  base.close()
}
