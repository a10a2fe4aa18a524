import { expireOffers } from '~/models/booking/offers.server'
import { runMailDelivery } from '~/models/mail/mail-worker.server'

type Job = { name: string; run: () => Promise<unknown> }

/**
 * Runs the background jobs inside the app process on a timer. Every job is safe to run in
 * several processes at once (conditional updates), so each app instance may run its own.
 */
export const DEFAULT_JOBS: Job[] = [
  { name: 'expire-offers', run: () => expireOffers() },
  { name: 'deliver-mail', run: runMailDelivery },
]

export function startJobRunner(intervalMs: number, jobs: Job[] = DEFAULT_JOBS) {
  let running = false
  const tick = async () => {
    if (running) return
    running = true
    try {
      for (const job of jobs) {
        try {
          await job.run()
        } catch (error) {
          console.error(`[jobs] ${job.name} failed`, error)
        }
      }
    } finally {
      running = false
    }
  }
  const timer = setInterval(tick, intervalMs)
  timer.unref()
  return { stop: () => clearInterval(timer), tick }
}
