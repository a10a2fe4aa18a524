import ExcelJS from 'exceljs'
import { describe, expect, test } from 'vitest'
import { eraseAccount } from '~/models/privacy/erase.server'
import { buildReport, type Report } from '~/models/reports/report.server'
import { reportTables, summarySentences } from '~/models/reports/tables'
import * as reportsPage from '~/routes/organiser.reports'
import * as reportsCsv from '~/routes/organiser.reports[.]csv'
import * as reportsXlsx from '~/routes/organiser.reports[.]xlsx'
import { db } from '~/utils/db.server'
import { i18next } from '~/utils/i18n.server'
import { addDays, shanghaiTime } from '~/utils/time'
import { DAY, testClock } from '../clock'
import { createChild, createDepartment, createProgramme, createSession, createUser } from '../factories'
import { loginCookie, statusOf } from './request'

// The federation's numbers from hand-made data where every figure is known in advance: siblings,
// a child with two bookings, a waitlist left, a lottery applicant placed later from the waitlist
// (served) and one never placed (unmet), an erased account, attendance with an excused day and a
// no-show, gender quotas, work units, feedback — and another department that must never show.

type Fn = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<unknown>
const clock = testClock()
// a month that is over: two months back, its sessions on the 5th, 12th and 20th
const month = addDays(clock.day(0), -62).slice(0, 7)
const on = (day: number, time = '09:00') => shanghaiTime(`${month}-${String(day).padStart(2, '0')}`, time)
const madeOn = (day: number) => new Date(on(day).getTime() - 30 * DAY)

// the database is emptied before each test (tests/setup-db.ts): each test builds the world first

async function buildWorld() {
  const now = clock.now
  const a = await createDepartment(db, { nameZh: '女职工部', nameEn: 'Women Workers' })
  const b = await createDepartment(db, { nameZh: '基层工作部', nameEn: 'Grassroots' })
  const booking = (sessionId: string, who: { childId?: string; userId?: string; bookerId: string }, status: string, extra = {}) =>
    db.booking.create({
      data: {
        sessionId,
        bookerId: who.bookerId,
        childId: who.childId ?? null,
        attendeeUserId: who.userId ?? null,
        status,
        activeKey: ['confirmed', 'waitlisted', 'offered'].includes(status) ? (who.childId ? `c:${who.childId}` : `u:${who.userId}`) : null,
        createdAt: madeOn(5),
        ...extra,
      },
    })
  const register = async (memberNo: string, name: string, unit: string) => {
    await db.memberRecord.create({ data: { memberNo, name, unit, importedAt: now } })
    return createUser(db, { name, memberNo })
  }

  // camp C, two sessions: C1 five days (3 places), C2 one day (2 places)
  const camp = await createProgramme(db, a.id, { kind: 'camp', audience: 'child', titleZh: '暑托班', titleEn: 'Camp' }, now)
  const c1 = await createSession(
    db,
    camp.id,
    { startsAt: on(5, '08:30'), endsAt: on(5, '17:00'), repeatDays: 'MO,TU,WE,TH,FR,SA,SU', repeatUntil: on(9, '17:00'), capacity: 3 },
    now,
  )
  const c2 = await createSession(db, camp.id, { startsAt: on(20), capacity: 2 }, now)
  const p1 = await register('M0001', '王芳', '盐城港务集团')
  const p2 = await register('M0002', '赵敏', '市第一人民医院')
  const p3 = await createUser(db)
  const p4 = await createUser(db)
  const age = (years: number) => new Date(on(5).getTime() - (years * 365.25 + 30) * DAY)
  const k1 = await createChild(db, p1.id, { birthDate: age(7) })
  const k2 = await createChild(db, p1.id, { birthDate: age(10) })
  const k3 = await createChild(db, p2.id, { birthDate: age(4) })
  const k4 = await createChild(db, p3.id, { birthDate: age(8) })
  const k5 = await createChild(db, p4.id, { birthDate: age(12) })
  const b1 = await booking(c1.id, { childId: k1.id, bookerId: p1.id }, 'confirmed')
  const b2 = await booking(c1.id, { childId: k2.id, bookerId: p1.id }, 'confirmed')
  const b3 = await booking(c1.id, { childId: k3.id, bookerId: p2.id }, 'confirmed', { createdAt: madeOn(12) })
  await booking(c2.id, { childId: k1.id, bookerId: p1.id }, 'confirmed', { createdAt: madeOn(12) })
  await booking(c1.id, { childId: k4.id, bookerId: p3.id }, 'waitlisted', { waitlistSeq: 1 })
  await booking(c1.id, { childId: k5.id, bookerId: p4.id }, 'cancelled', { waitlistSeq: 2 })
  // k3 waited for C2 too, but holds a place in C1: served by the camp, not unmet
  await booking(c2.id, { childId: k3.id, bookerId: p2.id }, 'waitlisted', { waitlistSeq: 1 })
  const days = ['05', '06', '07', '08', '09'].map((d) => `${month}-${d}`)
  const mark = (bookingId: string, statuses: string[]) =>
    db.attendance.createMany({ data: statuses.map((status, i) => ({ bookingId, day: days[i], status })) })
  await mark(b1.id, ['present', 'present', 'left', 'left', 'present'])
  await mark(b2.id, ['present', 'present', 'absent', 'excused', 'left'])
  await mark(b3.id, ['absent', 'absent'])
  await db.feedback.create({ data: { bookingId: b1.id, askedAt: now, rating: 5, answeredAt: now } })
  await db.feedback.create({ data: { bookingId: b2.id, askedAt: now, rating: 3, answeredAt: now } })

  // lottery camp L: one place; K6 applied and was placed later from the waitlist, K7 never placed, K8 waitlisted
  const lottery = await createProgramme(db, a.id, { kind: 'camp', audience: 'child', titleZh: '摇号营', titleEn: 'Lottery camp' }, now)
  const l1 = await createSession(db, lottery.id, { startsAt: on(12), capacity: 1 }, now)
  const families = []
  for (const [i, years] of [6, 9, 11].entries()) {
    const parent = await createUser(db)
    const kid = await createChild(db, parent.id, { birthDate: age(years) })
    await db.lotteryEntry.create({
      data: { programmeId: lottery.id, applicantId: parent.id, attendees: JSON.stringify([`c:${kid.id}`]), choices: '[]', code: `000${i}` },
    })
    families.push({ parent, kid })
  }
  const [f6, , f8] = families
  await booking(l1.id, { childId: f6.kid.id, bookerId: f6.parent.id }, 'confirmed', { waitlistSeq: 1 })
  await booking(l1.id, { childId: f8.kid.id, bookerId: f8.parent.id }, 'waitlisted', { waitlistSeq: 2 })

  // social S with gender quotas: M1 (f), M2 (m), M3 (f) confirmed, M4 (m) waitlisted; M3 deletes the account, M4 moves up
  const social = await createProgramme(db, a.id, { kind: 'social', titleZh: '交友会', titleEn: 'Social' }, now)
  const s1 = await createSession(
    db,
    social.id,
    {
      startsAt: on(20, '14:00'),
      capacity: 4,
      quotas: [
        { category: 'female', capacity: 2 },
        { category: 'male', capacity: 2 },
      ],
    },
    now,
  )
  const m1 = await register('M0003', '李娜', '盐城港务集团')
  const m2 = await createUser(db, { gender: 'male' })
  const m3 = await createUser(db)
  const m4 = await createUser(db, { gender: 'male' })
  for (const m of [m1, m2, m3]) await booking(s1.id, { userId: m.id, bookerId: m.id }, 'confirmed', { createdAt: madeOn(12) })
  await booking(s1.id, { userId: m4.id, bookerId: m4.id }, 'waitlisted', { waitlistSeq: 1 })
  await eraseAccount({ userId: m3.id, actorId: m3.id, now })

  // department B: one programme, one served, one unmet — never in department A's figures
  const other = await createProgramme(db, b.id, { kind: 'checkup', titleZh: '体检', titleEn: 'Check-up' }, now)
  const o1 = await createSession(db, other.id, { startsAt: on(12), capacity: 5 }, now)
  const q1 = await createUser(db)
  const q2 = await createUser(db)
  await booking(o1.id, { userId: q1.id, bookerId: q1.id }, 'confirmed')
  await booking(o1.id, { userId: q2.id, bookerId: q2.id }, 'waitlisted', { waitlistSeq: 1 })
  // outside the period: never counted
  const later = await createSession(db, camp.id, { startsAt: new Date(on(20).getTime() + 40 * DAY), capacity: 9 }, now)
  await booking(later.id, { childId: k4.id, bookerId: p3.id }, 'confirmed')

  const organiserA = await createUser(db, { role: 'organiser', departmentId: a.id })
  const organiserB = await createUser(db, { role: 'organiser', departmentId: b.id })
  const admin = await createUser(db, { role: 'admin' })
  return { a, b, camp, lottery, social, other, organiserA, organiserB, admin }
}

const query = (departmentId: string | null) => ({ from: month, to: month, kind: null, departmentId })
const programme = (report: Report, id: string) => report.programmes.find((p) => p.id === id)!
const zhT = async () => {
  const t = await i18next.getFixedT('zh-CN', 'common')
  return (key: string, params?: Record<string, unknown>) => String(t(key, params))
}

describe('the federation’s numbers', () => {
  test('every figure of a department, known in advance', async () => {
    const world = await buildWorld()
    const report = await buildReport(query(world.a.id))
    expect(programme(report, world.camp.id)).toMatchObject({
      sessions: 2,
      places: 5,
      placeDays: 17,
      confirmed: 4,
      fillRate: 80,
      people: 3,
      children: 3,
      members: 0,
      households: 2,
      unmet: 2,
      placesNeeded: 2,
      presentDays: 8,
      absentDays: 3,
      excusedDays: 1,
      noShows: 1,
      attendanceRate: 72.7,
      feedbackAnswers: 2,
      feedbackAverage: 4,
    })
    expect(programme(report, world.lottery.id)).toMatchObject({ places: 1, confirmed: 1, people: 1, children: 1, unmet: 2 })
    // M3's account was deleted: its booking was cancelled with it, and the place went to M4 on the waitlist
    expect(programme(report, world.social.id)).toMatchObject({ places: 4, confirmed: 3, fillRate: 75, members: 3, households: 3, unmet: 0 })
    expect(programme(report, world.social.id).genders.sort((x, y) => x.gender.localeCompare(y.gender))).toEqual([
      { gender: 'female', members: 1 },
      { gender: 'male', members: 2 },
    ])
    expect(report.kinds.find((k) => k.kind === 'camp')).toMatchObject({
      programmes: 2,
      sessions: 3,
      places: 6,
      confirmed: 5,
      children: 4,
      households: 3,
      unmet: 4,
    })
    expect(report.totals).toMatchObject({
      programmes: 3,
      sessions: 4,
      places: 10,
      placeDays: 22,
      confirmed: 8,
      people: 7,
      children: 4,
      members: 3,
      households: 6,
      unmet: 4,
      feedbackAverage: 4,
    })
    expect(report.ageBands).toEqual([
      { band: '0-5', children: 1 },
      { band: '6-8', children: 2 },
      { band: '9-12', children: 1 },
      { band: '13+', children: 0 },
    ])
    expect(report.units).toEqual([
      { unit: '盐城港务集团', households: 2 },
      { unit: '市第一人民医院', households: 1 },
    ])
    expect(report.weeks.reduce((sum, w) => sum + w.bookings, 0)).toBe(8)
    // nothing of department B, not even in a total
    expect(report.programmes.map((p) => p.id)).not.toContain(world.other.id)
    expect(report.departments.map((d) => d.departmentId)).toEqual([world.a.id])
  })

  test('the federation adds department B; a person is counted once however many bookings they have', async () => {
    const world = await buildWorld()
    const report = await buildReport(query(null))
    // other tests' data may share the period: read this world's departments
    const a = report.departments.find((d) => d.departmentId === world.a.id)!
    const b = report.departments.find((d) => d.departmentId === world.b.id)!
    expect(a).toMatchObject({ programmes: 3, confirmed: 8, people: 7, unmet: 4 })
    expect(b).toMatchObject({ programmes: 1, places: 5, confirmed: 1, people: 1, unmet: 1 })
    expect(report.totals.people).toBeGreaterThanOrEqual(7)
  })

  test('the summary paragraph, in Chinese and English', async () => {
    const world = await buildWorld()
    const report = await buildReport({ ...query(world.a.id), kind: 'camp' })
    const zh = summarySentences(report, '女职工部', 'zh-CN', await zhT()).join('')
    expect(zh).toContain('女职工部共开设活动 2 个、3 期（场）')
    expect(zh).toContain('托管班开设 2 个活动、3 期（场），服务职工子女 4 名（3 户），出勤率 73%；另有 4 人报名未获名额。')
    const t = await i18next.getFixedT('en', 'common')
    const en = summarySentences(report, 'Women Workers', 'en', (k, p) => String(t(k, p))).join('')
    expect(en).toContain('serving 4 members’ children (3 households), attendance 73%; 4 more got no place.')
  })

  test('organisers see their own department whatever the URL says; admins choose; the workbook and CSV read back', async () => {
    const world = await buildWorld()
    const url = (path: string, extra = '') => `http://localhost${path}?from=${month}&to=${month}${extra}`
    const load = async (route: { loader: unknown }, userId: string, path: string, extra = '') =>
      (route.loader as Fn)({
        request: new Request(url(path, extra), { headers: { Cookie: await loginCookie(userId) } }),
        params: {},
        context: {},
      })
    type Page = { tables: { id: string; rows: unknown[][] }[]; summary: string[] }
    const asB = (await load(reportsPage, world.organiserB.id, '/organiser/reports', `&department=${world.a.id}`)) as Page
    const totalsB = asB.tables.find((t) => t.id === 'totals')!
    expect(totalsB.rows[0].slice(0, 5)).toEqual([1, 1, 5, 5, 1]) // programmes, sessions, places, place-days, confirmed
    expect(asB.tables.find((t) => t.id === 'departments')).toBeUndefined()
    const asAdmin = (await load(reportsPage, world.admin.id, '/organiser/reports', `&department=${world.a.id}`)) as Page
    expect(asAdmin.tables.find((t) => t.id === 'totals')!.rows[0].slice(0, 5)).toEqual([3, 4, 10, 22, 8])
    // a member, anonymous, a bad query
    const member = await createUser(db)
    expect(await statusOf(() => load(reportsPage, member.id, '/organiser/reports'))).toBe(403)
    expect(
      await statusOf(() => (reportsPage.loader as Fn)({ request: new Request(url('/organiser/reports')), params: {}, context: {} })),
    ).toBe(302)
    expect(await statusOf(() => load(reportsPage, world.admin.id, '/organiser/reports', '&from=2027-13'))).toBe(400)

    const xlsx = (await load(reportsXlsx, world.organiserA.id, '/organiser/reports.xlsx')) as Response
    expect(xlsx.headers.get('Content-Type')).toContain('spreadsheetml')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer)
    expect(book.worksheets.map((s) => s.name)).toEqual([
      '概要（可直接用于简报）',
      '合计',
      '按活动类型',
      '按活动',
      '每周确认报名',
      '职工子女年龄段',
      '分性别（有性别名额的活动）', // a sheet's name cannot hold "/": it becomes a space
      '按基层工会   工作单位（户）',
    ])
    expect(String(book.worksheets[0].getCell('A1').value)).toContain('女职工部共开设活动 3 个')
    const programmes = book.getWorksheet('按活动')!
    const campRow = programmes.getRows(2, programmes.rowCount - 1)!.find((r) => r.getCell(2).value === '暑托班')!
    expect(campRow.getCell(4).value).toBe(2) // sessions, a number
    expect(campRow.getCell(8).value).toBe(80) // fill rate
    const weeks = book.getWorksheet('每周确认报名')!
    expect(weeks.getCell('A2').value).toBeInstanceOf(Date)
    const csv = (await load(reportsCsv, world.organiserA.id, '/organiser/reports.csv', '&table=programmes')) as Response
    const bytes = Buffer.from(await csv.arrayBuffer())
    // a byte-order mark, so Excel reads the Chinese right
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = bytes.toString('utf8')
    expect(text).toContain('暑托班')
    expect(await statusOf(() => load(reportsCsv, world.organiserA.id, '/organiser/reports.csv', '&table=secrets'))).toBe(400)
  })

  test('tables in English name the columns in English', async () => {
    const world = await buildWorld()
    const t = await i18next.getFixedT('en', 'common')
    const tables = reportTables(await buildReport(query(world.a.id)), 'en', (k, p) => String(t(k, p)))
    expect(tables.find((x) => x.id === 'programmes')!.columns).toContain('Unmet (people)')
    expect(tables.find((x) => x.id === 'programmes')!.rows.map((r) => r[1])).toContain('Camp')
  })
})

describe('the demo', () => {
  test('the demo data gives a report with something in every section', async () => {
    const { seedDemoData } = await import('../../prisma/seed')
    await seedDemoData(db, clock.now)
    const women = await db.department.findUniqueOrThrow({ where: { slug: 'women-workers' } })
    // the two months up to now and the next: the finished course, the camp running today, the socials
    const report = await buildReport({
      from: addDays(clock.day(0), -45).slice(0, 7),
      to: addDays(clock.day(0), 31).slice(0, 7),
      kind: null,
      departmentId: women.id,
    })
    expect(report.totals.programmes).toBeGreaterThan(2)
    expect(report.totals.confirmed).toBeGreaterThan(0)
    expect(report.totals.unmet).toBeGreaterThan(0)
    expect(report.totals.attendanceRate).not.toBeNull()
    expect(report.totals.feedbackAverage).toBe(4.5)
    expect(report.ageBands.some((a) => a.children > 0)).toBe(true)
    expect(report.programmes.some((p) => p.genders.length > 0)).toBe(true)
    expect(report.units.length).toBeGreaterThan(0)
    expect(report.weeks.length).toBeGreaterThan(0)
    const t = await zhT()
    expect(summarySentences(report, '女职工部', 'zh-CN', t).join('')).toContain('出勤率')
  })
})
