import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import { checkpointSqlite } from '~/utils/db.server'
import { testEngine } from '../engine'

/** Everything the database holds, as bytes an attacker with the file (or a dump) would read. */
export async function databaseBytes(): Promise<string> {
  const url = process.env.DATABASE_URL!
  if (testEngine() === 'postgresql') return execFileSync('pg_dump', ['--data-only', url], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  await checkpointSqlite()
  const file = url.replace(/^file:/, '')
  return [file, `${file}-wal`]
    .filter((f) => fs.existsSync(f))
    .map((f) => fs.readFileSync(f).toString('utf8'))
    .join('\n')
}
