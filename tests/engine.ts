import pg from 'pg'

// Which database engine the vitest suite runs on: SQLite unless TEST_ENGINE=postgresql
// (`npm run test:pg`). PostgreSQL is reached at TEST_POSTGRES_URL (default: the machine's
// 127.0.0.1:5432 as root, trust auth); each test file gets a database of its own.
export type TestEngine = 'sqlite' | 'postgresql'
export const testEngine = (): TestEngine => (process.env.TEST_ENGINE === 'postgresql' ? 'postgresql' : 'sqlite')

export const TEMPLATE_DATABASE = 'carnation_test_template'
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://root@127.0.0.1:5432/postgres'

/** The same server, another database. */
export function postgresUrlFor(database: string) {
  const url = new URL(ADMIN_URL)
  url.pathname = `/${database}`
  return url.toString()
}

export async function postgresAdmin() {
  const client = new pg.Client({ connectionString: ADMIN_URL })
  await client.connect()
  return client
}
