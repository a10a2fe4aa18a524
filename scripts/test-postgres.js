// npm run test:pg — the vitest suite again, on PostgreSQL (TEST_POSTGRES_URL, default the
// machine's 127.0.0.1:5432 as root). Where no PostgreSQL answers, a developer's run skips with
// a loud line; in CI (CI=true) that is a failure.
import { spawnSync } from 'node:child_process'
import pg from 'pg'

const url = process.env.TEST_POSTGRES_URL ?? 'postgresql://root@127.0.0.1:5432/postgres'
const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 })
try {
  await client.connect()
  await client.end()
} catch (error) {
  const line = `!!! PostgreSQL does not answer at ${url} (${error.message}): the PostgreSQL test pass did NOT run.`
  if (process.env.CI === 'true') {
    console.error(`${line} CI needs it.`)
    process.exit(1)
  }
  console.warn(`\n${'!'.repeat(100)}\n${line}\n${'!'.repeat(100)}\n`)
  process.exit(0)
}
const run = spawnSync('npx', ['vitest', 'run', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, TEST_ENGINE: 'postgresql' },
})
process.exit(run.status ?? 1)
