// npm run bench:reminders — the reminder job's tick with 100 000 active bookings in the database,
// on SQLite and on PostgreSQL. A tick that finds nothing due must stay a few milliseconds (one
// index-backed query over the sessions with a meeting in the next fortnight), and a tick with
// 1 000 reminders due sends them all in one go. Prints, per engine, the line
//   reminders: engine=<sqlite|postgresql> bookings=100000 idle_tick_ms=<n> due=1000 busy_tick_ms=<n>
// (idle: median of 7 ticks). The database is made for the run: tests/.tmp/bench-reminders.db, and
// PostgreSQL's carnation_bench_reminders on 127.0.0.1 (BENCH_POSTGRES_URL to point elsewhere).
import { performance } from 'node:perf_hooks'
import { freshBenchDatabase, perEngine, type BenchEngine } from './bench-engines'

const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 100_000)
const DUE = 1_000
const PER_SESSION = 100
const HOUR = 3_600_000
const DAY = 24 * HOUR

/** One engine, in a process of its own (the app's database client is chosen when first imported). */
async function runEngine(engine: BenchEngine) {
  const url = await freshBenchDatabase(engine, 'bench-reminders')
  const { migrate } = await import('./migrate.js')
  await migrate(url, () => {})
  process.env.DATABASE_URL = url
  process.env.SESSION_SECRET ??= 'bench-reminders-secret-0123456789abcdef'
  const { db, write } = await import('~/utils/db.server')
  const { sendDueReminders } = await import('~/models/reminders/send.server')
  const { newCalendarToken } = await import('~/models/user/calendar-token.server')

  const now = new Date()
  const dept = await db.department.create({ data: { slug: 'bench', nameZh: '部', nameEn: 'Dept', email: 'bench@example.cn' } })
  const programme = await db.programme.create({
    data: {
      slug: 'bench-checkups',
      kind: 'checkup',
      departmentId: dept.id,
      titleZh: '体检',
      titleEn: 'Check-ups',
      summaryZh: '',
      summaryEn: '',
      descriptionZh: '',
      descriptionEn: '',
      audience: 'self',
      bookingOpensAt: new Date(now.getTime() - 800 * DAY),
      bookingClosesAt: new Date(now.getTime() + 30 * DAY),
      status: 'published',
      // reminded a day before: a meeting 12 hours away is due now
      reminderRules: JSON.stringify([{ type: 'hours', hours: 24, meetings: 'first' }]),
    },
  })
  const users = Array.from({ length: 1000 }, (_, i) => ({
    id: `benchuser${String(i).padStart(5, '0')}`,
    email: `bench-${i}@example.cn`,
    passwordHash: '!',
    name: `会员${i}`,
    calendarToken: newCalendarToken(),
    emailVerifiedAt: new Date(now.getTime() - 900 * DAY),
  }))
  await write((tx) => tx.user.createMany({ data: users }))
  // the sessions: two years of past ones, ten in the days ahead (not due yet), and ten starting
  // in 12 hours (due now: DUE bookings); every one full with PER_SESSION confirmed bookings
  const sessionCount = BOOKINGS / PER_SESSION
  const starts = Array.from({ length: sessionCount }, (_, i) => {
    if (i < 10) return new Date(now.getTime() + 12 * HOUR)
    if (i < 20) return new Date(now.getTime() + (3 + (i % 5)) * DAY)
    return new Date(now.getTime() - (1 + (i % 700)) * DAY)
  })
  const sessions = starts.map((startsAt, i) => ({
    id: `benchsession${String(i).padStart(5, '0')}`,
    programmeId: programme.id,
    startsAt,
    endsAt: new Date(startsAt.getTime() + HOUR),
    placeZh: '中心',
    placeEn: 'Centre',
    capacity: PER_SESSION,
    seatsTaken: PER_SESSION,
  }))
  for (let i = 0; i < sessions.length; i += 500) await write((tx) => tx.session.createMany({ data: sessions.slice(i, i + 500) }))
  const bookings = sessions.flatMap((session, s) =>
    Array.from({ length: PER_SESSION }, (_, b) => {
      const user = users[(s * PER_SESSION + b) % users.length]
      return {
        sessionId: session.id,
        bookerId: user.id,
        attendeeUserId: user.id,
        activeKey: `u:${user.id}`,
        status: 'confirmed',
        createdAt: new Date(now.getTime() - 900 * DAY),
      }
    }),
  )
  for (let i = 0; i < bookings.length; i += 2000) await write((tx) => tx.booking.createMany({ data: bookings.slice(i, i + 2000) }))
  if (engine === 'postgresql') await db.$queryRawUnsafe('ANALYZE')

  const time = async (at: Date) => {
    const started = performance.now()
    const result = await sendDueReminders(at)
    return { ms: performance.now() - started, sent: result.sent }
  }
  // nothing due: 13 hours earlier the ten sessions were a day and an hour away
  const before = new Date(now.getTime() - 13 * HOUR)
  await time(before) // warm: the first query plans and connections
  const idle: number[] = []
  for (let i = 0; i < 7; i++) {
    const tick = await time(before)
    if (tick.sent !== 0) throw new Error(`an idle tick sent ${tick.sent}`)
    idle.push(tick.ms)
  }
  const busy = await time(now)
  if (busy.sent !== DUE) throw new Error(`the busy tick sent ${busy.sent}, not ${DUE}`)
  const after = await time(new Date(now.getTime() + 60_000))
  const total = await db.booking.count()
  const median = [...idle].sort((a, b) => a - b)[3]
  await db.$disconnect()
  console.log(`  after the busy tick, a tick finding all ${DUE} sent: ${after.ms.toFixed(1)} ms (sent ${after.sent})`)
  console.log(
    `reminders: engine=${engine} bookings=${total} idle_tick_ms=${median.toFixed(1)} due=${busy.sent} busy_tick_ms=${busy.ms.toFixed(0)}`,
  )
}

await perEngine(runEngine)
