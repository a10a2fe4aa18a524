import { rekeySealed } from '~/models/privacy/sealed-at-rest.server'
import { startJobRunner } from '~/models/jobs/job-runner.server'
import { db } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { getMailTransport } from '~/utils/mail-transport.server'

/**
 * Called once by scripts/start.js after migrations (and the demo data, which it seeds with
 * prisma/seed-cli.ts outside this bundle): sealed columns under the current key, then the
 * background jobs. (SQLite's WAL mode is set on every connection: db.server.ts.)
 */
export async function boot() {
  const env = getEnv()
  for (const [column, count] of Object.entries(await rekeySealed())) {
    if (count > 0) console.log(`[boot] sealed ${count} values of ${column} with the current DATA_KEY`)
  }
  // start the local mailbox (when no SMTP is configured) even if this process sends nothing
  await getMailTransport()
  if (env.RUN_JOBS === 'true') jobs = startJobRunner(env.JOB_INTERVAL_MS)
}

let jobs: ReturnType<typeof startJobRunner> | null = null

/**
 * The second half of a graceful stop (scripts/start.js closes the HTTP server first and lets
 * requests in flight finish): the jobs finish their current tick and stop, then the database
 * connections close.
 */
export async function shutdown() {
  await jobs?.stop()
  jobs = null
  await db.$disconnect()
}

/** `npm run worker`: only the background jobs, for deployments that run them apart. */
export async function startWorker() {
  const env = getEnv()
  await getMailTransport()
  jobs = startJobRunner(env.JOB_INTERVAL_MS)
  console.log('[worker] delivering mail and expiring offers')
}
