import { startJobRunner } from '~/models/jobs/job-runner.server'
import { seedDemoData } from '../../prisma/seed'
import { db } from './db.server'
import { getEnv } from './env.server'
import { getMailTransport } from './mail-transport.server'

/**
 * Called once by scripts/start.js after migrations: WAL mode (readers never wait for the
 * writer), demo data on a fresh database only, then the background jobs.
 */
export async function boot() {
  const env = getEnv()
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL')
  // in WAL mode NORMAL cannot corrupt the database; it only skips an fsync per commit
  await db.$queryRawUnsafe('PRAGMA synchronous = NORMAL')
  if (env.SEED === 'true' && (await db.user.count()) === 0) {
    await seedDemoData(db)
    console.log('[boot] seeded demo data')
  }
  // start the local mailbox (when no SMTP is configured) even if this process sends nothing
  await getMailTransport()
  if (env.RUN_JOBS === 'true') startJobRunner(env.JOB_INTERVAL_MS)
}

/** `npm run worker`: only the background jobs, for deployments that run them apart. */
export async function startWorker() {
  const env = getEnv()
  await getMailTransport()
  startJobRunner(env.JOB_INTERVAL_MS)
  console.log('[worker] delivering mail and expiring offers')
}
