// Shared by the benchmarks that run once per engine (bench:reminders, bench:reports): a fresh
// database per run, and the script run again in a process of its own per engine (the app's
// database client is chosen when it is first imported).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'

export type BenchEngine = 'sqlite' | 'postgresql'

/** An empty database for the run: tests/.tmp/<name>.db, or PostgreSQL's carnation_<name> (BENCH_POSTGRES_URL's server). */
export async function freshBenchDatabase(engine: BenchEngine, name: string) {
  if (engine === 'sqlite') {
    const file = path.resolve(`tests/.tmp/${name}.db`)
    fs.mkdirSync(path.dirname(file), { recursive: true })
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true })
    return `file:${file}`
  }
  const database = `carnation_${name.replaceAll('-', '_')}`
  const admin = new URL(process.env.BENCH_POSTGRES_URL ?? 'postgresql://root@127.0.0.1:5432/postgres')
  const client = new pg.Client({ connectionString: admin.toString() })
  await client.connect()
  await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
  await client.query(`CREATE DATABASE ${database}`)
  await client.end()
  admin.pathname = `/${database}`
  return admin.toString()
}

/** Run `runEngine` for BENCH_ENGINE, or this script again for SQLite, then PostgreSQL. */
export async function perEngine(runEngine: (engine: BenchEngine) => Promise<void>) {
  const engine = process.env.BENCH_ENGINE
  if (engine === 'sqlite' || engine === 'postgresql') return runEngine(engine)
  for (const one of ['sqlite', 'postgresql']) {
    const run = spawnSync(process.execPath, [...process.execArgv, process.argv[1]], {
      env: { ...process.env, BENCH_ENGINE: one },
      stdio: 'inherit',
    })
    if (run.status !== 0) process.exit(run.status ?? 1)
  }
}
