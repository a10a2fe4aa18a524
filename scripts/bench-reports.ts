// npm run bench:reports — the federation's report on a generated year: 200 000 bookings, 50 000
// members, 20 000 children, 2 000 sessions (a quarter of them camp terms of ten weekdays), with
// waitlists, cancellations, attendance, lottery applications, feedback and a member register with
// work units — on SQLite and on PostgreSQL. Goal: the report for a department and for the whole
// federation each under 1 s. Prints per engine (median of 3 after a warm-up):
//   reports: engine=<sqlite|postgresql> bookings=200000 department_ms=<n> federation_ms=<n>
// Databases made for the run: tests/.tmp/bench-reports.db, and carnation_bench_reports on
// 127.0.0.1 (BENCH_POSTGRES_URL to point elsewhere).
import { performance } from 'node:perf_hooks'
import { freshBenchDatabase, perEngine, type BenchEngine } from './bench-engines'

const SESSIONS = 2000
const PER_SESSION = 100
const MEMBERS = 50_000
const CHILDREN = 20_000
const DAY = 86_400_000

// a repeatable pseudo-random stream (mulberry32)
let state = 7
const rand = () => {
  state = (state + 0x6d2b79f5) | 0
  let t = Math.imul(state ^ (state >>> 15), 1 | state)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

async function runEngine(engine: BenchEngine) {
  const url = await freshBenchDatabase(engine, 'bench-reports')
  const { migrate } = await import('./migrate.js')
  await migrate(url, () => {})
  process.env.DATABASE_URL = url
  process.env.SESSION_SECRET ??= 'bench-reports-secret-0123456789abcdef'
  const { db, write } = await import('~/utils/db.server')
  const { buildReport } = await import('~/models/reports/report.server')
  const { shanghaiTime, shanghaiDay } = await import('~/utils/time')
  const chunked = async <T>(list: T[], size: number, run: (chunk: T[]) => Promise<unknown>) => {
    for (let i = 0; i < list.length; i += size) await run(list.slice(i, i + size))
  }

  const year = Number(shanghaiDay(new Date()).slice(0, 4))
  const departments = ['women', 'youth', 'grassroots'].map((slug, i) => ({
    id: `benchdept${i}`,
    slug,
    nameZh: `部门${i}`,
    nameEn: `Department ${i}`,
    email: `${slug}@example.cn`,
  }))
  await write((tx) => tx.department.createMany({ data: departments }))
  const kinds = ['camp', 'social', 'training', 'checkup'] as const
  const programmes = Array.from({ length: 40 }, (_, i) => ({
    id: `benchprog${String(i).padStart(3, '0')}`,
    slug: `bench-${i}`,
    kind: kinds[i % 4],
    departmentId: departments[i % 3].id,
    titleZh: `活动${i}`,
    titleEn: `Programme ${i}`,
    summaryZh: '',
    summaryEn: '',
    descriptionZh: '',
    descriptionEn: '',
    audience: i % 4 === 0 ? 'child' : 'self',
    bookingOpensAt: shanghaiTime(`${year}-01-01`),
    bookingClosesAt: shanghaiTime(`${year}-12-31`),
    status: 'published',
  }))
  await write((tx) => tx.programme.createMany({ data: programmes }))
  const units = Array.from({ length: 60 }, (_, i) => `基层工会${i}`)
  const members = Array.from({ length: MEMBERS }, (_, i) => ({
    id: `benchuser${String(i).padStart(6, '0')}`,
    email: `bench-${i}@example.cn`,
    passwordHash: '!',
    name: `会员${i}`,
    gender: i % 2 ? 'male' : 'female',
    calendarToken: `benchtoken${i}`,
    memberNo: `B${String(i).padStart(7, '0')}`,
    memberVerifiedAt: i % 5 === 0 ? null : new Date(),
  }))
  await chunked(members, 2000, (chunk) => write((tx) => tx.user.createMany({ data: chunk })))
  await chunked(
    members.filter((_, i) => i % 3 === 0),
    2000,
    (chunk) =>
      write((tx) =>
        tx.memberRecord.createMany({
          data: chunk.map((m, i) => ({ memberNo: m.memberNo, name: m.name, unit: units[i % units.length], importedAt: new Date() })),
        }),
      ),
  )
  const children = Array.from({ length: CHILDREN }, (_, i) => ({
    id: `benchchild${String(i).padStart(6, '0')}`,
    guardianId: members[i % MEMBERS].id,
    name: `孩子${i}`,
    birthDate: new Date(Date.UTC(year - 4 - (i % 10), i % 12, 1 + (i % 28))),
    gender: i % 2 ? 'male' : 'female',
  }))
  await chunked(children, 2000, (chunk) => write((tx) => tx.child.createMany({ data: chunk })))
  const sessions = Array.from({ length: SESSIONS }, (_, i) => {
    const programme = programmes[i % programmes.length]
    const startsAt = new Date(shanghaiTime(`${year}-01-05`, '09:00').getTime() + Math.floor((i / SESSIONS) * 350) * DAY)
    const term = programme.kind === 'camp'
    return {
      id: `benchsession${String(i).padStart(5, '0')}`,
      programmeId: programme.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3 * 3_600_000),
      repeatDays: term ? 'MO,TU,WE,TH,FR' : null,
      repeatUntil: term ? new Date(startsAt.getTime() + 11 * DAY + 3 * 3_600_000) : null,
      placeZh: '中心',
      placeEn: 'Centre',
      capacity: 90,
      seatsTaken: 80,
    }
  })
  await chunked(sessions, 500, (chunk) => write((tx) => tx.session.createMany({ data: chunk })))
  const bookings = sessions.flatMap((session, s) => {
    const child = programmes[s % programmes.length].audience === 'child'
    return Array.from({ length: PER_SESSION }, (_, j) => {
      const n = s * PER_SESSION + j
      const roll = rand()
      const status = roll < 0.8 ? 'confirmed' : roll < 0.9 ? 'waitlisted' : 'cancelled'
      const childRow = children[n % CHILDREN]
      const member = members[(n * 7) % MEMBERS]
      return {
        id: `benchbooking${String(n).padStart(7, '0')}`,
        sessionId: session.id,
        bookerId: child ? childRow.guardianId : member.id,
        childId: child ? childRow.id : null,
        attendeeUserId: child ? null : member.id,
        activeKey: status === 'cancelled' ? null : child ? `c:${childRow.id}` : `u:${member.id}`,
        status,
        waitlistSeq: status === 'confirmed' ? null : j,
        createdAt: new Date(session.startsAt.getTime() - (5 + (j % 40)) * DAY),
      }
    })
  })
  await chunked(bookings, 2000, (chunk) => write((tx) => tx.booking.createMany({ data: chunk })))
  // attendance on a quarter of the single-meeting sessions' confirmed bookings; feedback on a tenth
  const attended = bookings.filter((b, i) => b.status === 'confirmed' && i % 4 === 0)
  await chunked(attended, 2000, (chunk) =>
    write((tx) =>
      tx.attendance.createMany({
        data: chunk.map((b, i) => ({
          bookingId: b.id,
          day: shanghaiDay(sessions[Number(b.sessionId.slice(12))].startsAt),
          status: i % 10 === 0 ? 'absent' : i % 17 === 0 ? 'excused' : 'present',
        })),
      }),
    ),
  )
  await chunked(
    attended.filter((_, i) => i % 3 === 0),
    2000,
    (chunk) =>
      write((tx) =>
        tx.feedback.createMany({
          data: chunk.map((b, i) => ({ bookingId: b.id, askedAt: new Date(), rating: 1 + (i % 5), answeredAt: new Date() })),
        }),
      ),
  )
  // a lottery programme's applications: 3 000 children, a third of them placed
  await chunked(
    Array.from({ length: 3000 }, (_, i) => i),
    1000,
    (chunk) =>
      write((tx) =>
        tx.lotteryEntry.createMany({
          data: chunk.map((i) => ({
            programmeId: programmes[0].id,
            applicantId: members[40_000 + i].id,
            attendees: JSON.stringify([`c:${children[(i * 5) % CHILDREN].id}`]),
            choices: '[]',
            code: String(i).padStart(4, '0'),
          })),
        }),
      ),
  )
  // fresh statistics for the planner, as a live database has (both engines)
  await db.$queryRawUnsafe('ANALYZE')

  const query = (departmentId: string | null) => ({ from: `${year}-01`, to: `${year}-12`, kind: null, departmentId })
  const time = async (departmentId: string | null) => {
    await buildReport(query(departmentId))
    const runs: number[] = []
    let report: Awaited<ReturnType<typeof buildReport>> | null = null
    for (let i = 0; i < 3; i++) {
      const started = performance.now()
      report = await buildReport(query(departmentId))
      runs.push(performance.now() - started)
    }
    return { ms: runs.sort((a, b) => a - b)[1], report: report! }
  }
  if (process.env.BENCH_PROFILE) {
    const queries = await import('~/models/reports/queries.server')
    for (const departmentId of [departments[0].id, null])
      for (const name of [
        'people',
        'attendance',
        'childrenByAge',
        'membersByGender',
        'householdsByUnit',
        'feedback',
        'bookingsByWeek',
        'sessionsOf',
        'programmesOf',
      ] as const) {
        const started = performance.now()
        await queries[name](query(departmentId))
        console.log(`  ${departmentId ? 'department' : 'federation'} ${name}: ${(performance.now() - started).toFixed(0)} ms`)
      }
  }
  const department = await time(departments[0].id)
  const federation = await time(null)
  const total = await db.booking.count()
  await db.$disconnect()
  const t = federation.report.totals
  console.log(
    `  federation: programmes=${t.programmes} sessions=${t.sessions} confirmed=${t.confirmed} people=${t.people} unmet=${t.unmet} attendance=${t.attendanceRate}%`,
  )
  console.log(
    `reports: engine=${engine} bookings=${total} department_ms=${department.ms.toFixed(0)} federation_ms=${federation.ms.toFixed(0)}`,
  )
}

await perEngine(runEngine)
