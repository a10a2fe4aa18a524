// npm run bench:door — a door's phone comes back online with 500 queued records: how long the
// sync takes, from the JSON the phone sends (parsed and checked as the endpoint does) to the
// answer, on SQLite and on PostgreSQL. Half are arrivals, half pick-ups of the same children
// (each pick-up after its arrival, in one batch, as a morning and an afternoon offline make);
// a tenth of the arrivals were already recorded at another door (conflicts). Prints, per engine
// (median of 3 fresh batches), the line
//   door: engine=<sqlite|postgresql> records=500 ms=<n>
// The database is made for the run: tests/.tmp/bench-door.db, and PostgreSQL's carnation_bench_door.
import { randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { freshBenchDatabase, perEngine, type BenchEngine } from './bench-engines'

const RECORDS = 500
const RUNS = 3
const HOUR = 3_600_000

async function runEngine(engine: BenchEngine) {
  const url = await freshBenchDatabase(engine, 'bench-door')
  const { migrate } = await import('./migrate.js')
  await migrate(url, () => {})
  process.env.DATABASE_URL = url
  process.env.SESSION_SECRET ??= 'bench-door-secret-0123456789abcdef'
  const { db, write } = await import('~/utils/db.server')
  const { syncDoorRecords } = await import('~/models/organiser/door.server')
  const { doorBatchSchema } = await import('~/models/organiser/schemas')
  const { newCalendarToken } = await import('~/models/user/calendar-token.server')
  const { shanghaiDay, shanghaiTime } = await import('~/utils/time')

  // a day camp meeting today, 00:00–23:59 Shanghai; the records are made at the day's noon
  const now = new Date()
  const today = shanghaiDay(now)
  const dept = await db.department.create({ data: { slug: 'bench', nameZh: '部', nameEn: 'Dept', email: 'bench@example.cn' } })
  const organiser = await db.user.create({
    data: {
      email: 'door@example.cn',
      passwordHash: '!',
      name: '门口',
      role: 'organiser',
      departmentId: dept.id,
      calendarToken: newCalendarToken(),
    },
  })
  const user = { ...organiser, role: 'organiser' as const, locale: 'zh-CN', noticeVersion: 1, emailVerified: true }
  const children = RECORDS / 2
  const batches = []
  for (let run = 0; run < RUNS; run++) {
    const programme = await db.programme.create({
      data: {
        slug: `bench-camp-${run}`,
        kind: 'camp',
        departmentId: dept.id,
        titleZh: '托管班',
        titleEn: 'Camp',
        summaryZh: '',
        summaryEn: '',
        descriptionZh: '',
        descriptionEn: '',
        audience: 'child',
        bookingOpensAt: new Date(now.getTime() - 30 * 24 * HOUR),
        bookingClosesAt: new Date(now.getTime() + 30 * 24 * HOUR),
        status: 'published',
      },
    })
    const session = await db.session.create({
      data: {
        programmeId: programme.id,
        startsAt: shanghaiTime(today, '00:00'),
        endsAt: shanghaiTime(today, '23:59'),
        placeZh: '工人文化宫',
        placeEn: 'Workers’ Palace',
        capacity: children,
        seatsTaken: children,
      },
    })
    const parent = await db.user.create({
      data: { email: `parent-${run}@example.cn`, passwordHash: '!', name: `家长${run}`, calendarToken: newCalendarToken() },
    })
    const bookingIds: string[] = []
    await write(async (tx) => {
      for (let i = 0; i < children; i++) {
        const child = await tx.child.create({
          data: { guardianId: parent.id, name: `孩子${run}-${i}`, birthDate: new Date('2018-05-01'), gender: 'male' },
        })
        const booking = await tx.booking.create({
          data: { sessionId: session.id, bookerId: parent.id, childId: child.id, status: 'confirmed', activeKey: `c:${child.id}` },
        })
        bookingIds.push(booking.id)
      }
      // another door got a tenth of them first
      await tx.attendance.createMany({
        data: bookingIds.filter((_, i) => i % 10 === 0).map((bookingId) => ({ bookingId, day: today, status: 'present', arrivedAt: now })),
      })
    })
    const at = (minutes: number) => new Date(shanghaiTime(today, '08:00').getTime() + minutes * 60_000).toISOString()
    batches.push(
      JSON.stringify({
        records: bookingIds.flatMap((bookingId, i) => [
          { id: randomUUID(), kind: 'arrival', bookingId, sessionId: session.id, at: at(i % 60) },
          { id: randomUUID(), kind: 'pickup', bookingId, sessionId: session.id, at: at(480 + (i % 60)), collector: 'guardian' },
        ]),
      }),
    )
  }
  const syncAt = shanghaiTime(today, '17:30')
  const runs: number[] = []
  let outcomes: Record<string, number> = {}
  for (const body of batches) {
    const started = performance.now()
    const batch = doorBatchSchema.parse(JSON.parse(body))
    const results = await syncDoorRecords(user, batch.records, syncAt)
    runs.push(performance.now() - started)
    outcomes = results.reduce<Record<string, number>>((sum, r) => ({ ...sum, [r.outcome]: (sum[r.outcome] ?? 0) + 1 }), {})
  }
  const kept = await db.doorRecord.count()
  await db.$disconnect()
  console.log(
    `  outcomes (last batch): ${JSON.stringify(outcomes)} · door records kept: ${kept} · runs: ${runs.map((ms) => ms.toFixed(0)).join(', ')} ms`,
  )
  console.log(`door: engine=${engine} records=${RECORDS} ms=${runs.sort((a, b) => a - b)[1].toFixed(0)}`)
}

await perEngine(runEngine)
