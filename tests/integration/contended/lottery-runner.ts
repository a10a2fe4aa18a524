// One app instance in the contended lottery test (../lottery.test.ts): its own process and
// database connection, running the job runner's lottery step. It says "ready", waits for "go"
// on stdin (every instance starts at the same moment), runs the step at the given time and
// prints "done" (or the error).
import readline from 'node:readline'
import { runDueLotteries } from '~/models/lottery/run.server'
import { db } from '~/utils/db.server'

const at = new Date(process.env.LOTTERY_AT ?? '')
await db.programme.count()
process.stdout.write('ready\n')
await new Promise<void>((resolve) => readline.createInterface({ input: process.stdin }).once('line', () => resolve()))
try {
  await runDueLotteries(at)
  process.stdout.write('done\n')
} catch (error) {
  process.stdout.write(`error ${String((error as Error)?.message ?? error).slice(0, 300)}\n`)
}
await db.$disconnect()
