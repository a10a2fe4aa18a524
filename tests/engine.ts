import pg from 'pg'

// Which database engine the vitest suite runs on: SQLite unless TEST_ENGINE=postgresql
// (`npm run test:pg`). PostgreSQL is reached at TEST_POSTGRES_URL (default: the machine's
// 127.0.0.1:5432 as root, trust auth); each test file gets a database of its own.
export type TestEngine = 'sqlite' | 'postgresql'
export const testEngine = (): TestEngine => (process.env.TEST_ENGINE === 'postgresql' ? 'postgresql' : 'sqlite')

// Per run (the pid of the run's main process), so two runs on one server never meet: the
// template is made by global-setup.ts and handed to the test workers through the environment.
export const templateDatabase = () => (process.env.CARNATION_TEST_TEMPLATE ??= `carnation_t_${process.pid}_template`)

/** A test database name that says which process it belongs to: carnation_t_<pid>_<what>. */
export const testDatabaseName = (what: string) => `carnation_t_${process.pid}_${what}`

/** The pid in a test database's name, if it is one of ours. */
export const ownerPid = (name: string) => Number(/^carnation_t_(\d+)_/.exec(name)?.[1] ?? NaN)
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
