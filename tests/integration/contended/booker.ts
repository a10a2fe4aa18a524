// One app instance in the contended rush test (../booking-contended.test.ts): its own process,
// its own database connection, the app's own bookSession. It loads everything, says "ready",
// waits for "go" on stdin (so that every instance starts at the same moment), books everyone
// it was given at once, and prints what happened as one JSON line. With `dieAfter` it kills
// itself with SIGKILL as soon as that many bookings have returned, the rest still in flight.
import readline from 'node:readline'
import { bookSession, type BookingOutcome } from '~/models/booking/book-session.server'
import { db } from '~/utils/db.server'

type Job = { sessionId: string; userIds: string[]; dieAfter?: number }
const job = JSON.parse(process.env.CONTENDED_JOB ?? '{}') as Job

await db.session.findUniqueOrThrow({ where: { id: job.sessionId }, select: { id: true } })
process.stdout.write('ready\n')
await new Promise<void>((resolve) => readline.createInterface({ input: process.stdin }).once('line', () => resolve()))

let returned = 0
const settled = await Promise.allSettled(
  job.userIds.map(async (userId) => {
    const outcome = await bookSession({ userId, sessionId: job.sessionId, attendees: [{ kind: 'self', userId }] })
    if (++returned === job.dieAfter) process.kill(process.pid, 'SIGKILL')
    return outcome
  }),
)
const outcomes: BookingOutcome['result'][] = []
const errors: string[] = []
for (const s of settled) {
  if (s.status === 'fulfilled') outcomes.push(...s.value.map((o) => o.result))
  else errors.push(String((s.reason as Error)?.message ?? s.reason).slice(0, 300))
}
process.stdout.write(`${JSON.stringify({ outcomes, errors })}\n`)
await db.$disconnect()
