import { markAbsences } from '~/models/attendance/absences.server'
import { expireOffers } from '~/models/booking/offers.server'
import { runDueLotteries } from '~/models/lottery/run.server'
import { assignDueBadges, tidyRounds } from '~/models/matching/round.server'
import { getEnv } from '~/utils/env.server'
import { runMailDelivery } from '~/models/mail/mail-worker.server'
import { applyRetention } from '~/models/privacy/retention.server'
import { askForFeedback, sendDueReminders } from '~/models/reminders/send.server'

type Job = { name: string; run: () => Promise<unknown> }

/**
 * Runs the background jobs inside the app process on a timer. Every job is safe to run in
 * several processes at once (conditional updates), so each app instance may run its own.
 */
export const DEFAULT_JOBS: Job[] = [
  { name: 'expire-offers', run: () => expireOffers() },
  { name: 'deliver-mail', run: runMailDelivery },
  // freezes a lottery when its window closes and draws it at its time, once across instances
  { name: 'lotteries', run: () => runDueLotteries() },
  // a confirmed attendee with no record by a meeting day's end is absent that day (idempotent)
  { name: 'absences', run: atMostEvery(5 * 60 * 1000, () => markAbsences()) },
  // reminders before meetings, once per booking, meeting and rule (an index-backed query when nothing is due)
  { name: 'reminders', run: () => sendDueReminders() },
  // the word afterwards, once per booking after its last meeting
  { name: 'feedback', run: atMostEvery(5 * 60 * 1000, () => askForFeedback()) },
  { name: 'retention', run: atMostEvery(60 * 60 * 1000, () => applyRetention()) },
  // socials with a mutual-choice round: badge numbers for the confirmed; rounds left open are
  // closed, and a round's choices deleted RETAIN_CHOICES_DAYS after it closed
  { name: 'badges', run: atMostEvery(60 * 1000, () => assignDueBadges()) },
  { name: 'rounds', run: atMostEvery(60 * 1000, () => tidyRounds(new Date(), getEnv().RETAIN_CHOICES_DAYS)) },
]

/** A job that need not run every tick (retention scans whole tables): once per period. */
export function atMostEvery(periodMs: number, run: () => Promise<unknown>) {
  let last = -Infinity
  return async () => {
    if (Date.now() - last < periodMs) return
    last = Date.now()
    await run()
  }
}

export function startJobRunner(intervalMs: number, jobs: Job[] = DEFAULT_JOBS) {
  // each job has its own in-flight flag: a slow mail server must not hold up offer expiry
  const running = new Set<string>()
  const runJob = async (job: Job) => {
    if (running.has(job.name)) return
    running.add(job.name)
    try {
      await job.run()
    } catch (error) {
      console.error(`[jobs] ${job.name} failed`, error)
    } finally {
      running.delete(job.name)
    }
  }
  let current: Promise<unknown> = Promise.resolve()
  const tick = () => (current = Promise.all(jobs.map(runJob)))
  const timer = setInterval(tick, intervalMs)
  timer.unref()
  return {
    /** No new tick; resolves once the jobs of the tick under way have finished (shutdown). */
    stop: async () => {
      clearInterval(timer)
      await current
    },
    tick,
  }
}
