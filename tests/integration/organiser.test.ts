import { parse } from 'csv-parse/sync'
import { describe, expect, test } from 'vitest'
import { bookSession } from '~/models/booking/book-session.server'
import { cancelSession } from '~/models/organiser/cancel-session.server'
import { rosterCsv } from '~/models/organiser/export-roster.server'
import { messageAttendees, promoteBooking, removeBooking, resendInvite } from '~/models/organiser/roster-actions.server'
import { changeCapacity, changeQuotas } from '~/models/booking/capacity.server'
import { addSlots, addTerm } from '~/models/organiser/sessions.server'
import { planSlots } from '~/models/organiser/slots'
import zh from '~/locales/zh-CN'
import { db } from '~/utils/db.server'
import { markAbsences } from '~/models/attendance/absences.server'
import { recordArrival } from '~/models/attendance/register.server'
import { shanghaiDay } from '~/utils/time'
import { addDays, formatTime, shanghaiTime } from '~/utils/time'
import { createChild, createDepartment, createProgramme, createSession, createUser } from '../factories'
import { testClock } from '../clock'
import { expectInvariants } from './invariants'

const self = (id: string) => [{ kind: 'self' as const, userId: id }]

async function sessionWith(capacity: number, people: number, mode: 'auto' | 'offer' = 'auto') {
  const { now } = testClock()
  const dept = await createDepartment(db)
  const programme = await createProgramme(db, dept.id, { waitlistMode: mode }, now)
  const session = await createSession(db, programme.id, { capacity }, now)
  const members = []
  for (let i = 0; i < people; i++) {
    const m = await createUser(db)
    await bookSession({ userId: m.id, sessionId: session.id, attendees: self(m.id) })
    members.push(m)
  }
  const organiser = await createUser(db, { role: 'organiser', departmentId: dept.id })
  const bookings = await db.booking.findMany({ where: { sessionId: session.id }, orderBy: { createdAt: 'asc' } })
  return { dept, programme, session, members, organiser, bookings }
}

describe('bulk check-up slots', () => {
  test('days × from–until ÷ length, in Shanghai time, back to back, never spilling', () => {
    const slots = planSlots({ days: ['2027-03-02', '2027-03-01', '2027-03-03'], from: '08:00', until: '11:10', slotMinutes: 20 })
    expect(slots).toHaveLength(27)
    expect(formatTime(slots[0].startsAt, 'en')).toBe('08:00')
    expect(slots[0].startsAt.toISOString()).toBe('2027-03-01T00:00:00.000Z')
    expect(formatTime(slots[8].endsAt, 'en')).toBe('11:00')
    for (let i = 1; i < slots.length; i++) expect(slots[i].startsAt >= slots[i - 1].endsAt).toBe(true)
  })

  test('saved slots refuse overlaps with existing sessions and dates in the past', async () => {
    const clock = testClock()
    const { now } = clock
    const [day1, day2, past] = [clock.day(120), clock.day(121), clock.day(-2)]
    const dept = await createDepartment(db)
    const programme = await createProgramme(db, dept.id, { kind: 'checkup' }, now)
    const { id: x } = await createUser(db, { role: 'organiser', departmentId: dept.id })
    const input = {
      days: `${day1}, ${day2}`,
      from: '08:00',
      until: '09:00',
      slotMinutes: 20,
      placesPerSlot: 4,
      placeZh: '卡友之家',
      placeEn: 'Truckers’ Home',
    }
    expect(await addSlots(programme.id, input, x)).toEqual({ ok: true, count: 6 })
    expect(await addSlots(programme.id, { ...input, days: day2, from: '08:40' }, x)).toEqual({ ok: false, error: 'errors.overlap' })
    expect(await addSlots(programme.id, { ...input, days: past }, x)).toEqual({ ok: false, error: 'errors.inThePast' })
    expect(await db.session.count({ where: { programmeId: programme.id } })).toBe(6)
  })

  test('a camp term is one session with its weekdays and holidays', async () => {
    const clock = testClock()
    const { now } = clock
    // a term entered from a Saturday starts on the Monday after
    const monday = clock.mondayAfter(150)
    const [saturday, friday3, holiday] = [addDays(monday, -2), addDays(monday, 18), addDays(monday, 7)]
    const dept = await createDepartment(db)
    const programme = await createProgramme(db, dept.id, { kind: 'camp' }, now)
    const { id: x } = await createUser(db, { role: 'organiser', departmentId: dept.id })
    const result = await addTerm(
      programme.id,
      {
        firstDay: saturday,
        lastDay: friday3,
        weekdays: ['MO', 'TU', 'WE', 'TH', 'FR'],
        dailyStart: '08:30',
        dailyEnd: '17:00',
        excludedDates: holiday,
        capacity: 40,
        placeZh: '文化宫',
        placeEn: 'Palace',
      },
      x,
    )
    expect(result).toEqual({ ok: true, count: 1 })
    const session = await db.session.findFirstOrThrow({ where: { programmeId: programme.id } })
    expect(session.startsAt.toISOString()).toBe(shanghaiTime(monday, '08:30').toISOString())
    expect(session).toMatchObject({ repeatDays: 'MO,TU,WE,TH,FR', excludedDates: holiday, capacity: 40 })
  })
})

describe('capacity and manual actions', () => {
  test('raising capacity promotes from the waitlist; lowering below the booked count is refused', async () => {
    const { session, organiser } = await sessionWith(2, 5)
    expect(await changeCapacity(session.id, 1, organiser.id)).toEqual({ ok: false, error: 'errors.capacityBelowBooked' })
    expect(await changeCapacity(session.id, 4, organiser.id)).toEqual({ ok: true, promoted: 2 })
    expect(await db.booking.count({ where: { sessionId: session.id, status: 'confirmed' } })).toBe(4)
    await expectInvariants(session.id)
  })

  test('removing a booking (with reason) gives its seat to the waitlist and tells the member', async () => {
    const { session, organiser, bookings } = await sessionWith(1, 2)
    expect(await removeBooking(session.id, bookings[0].id, '重复报名', organiser.id)).toBe(true)
    const [removed, promoted] = await db.booking.findMany({ where: { sessionId: session.id }, orderBy: { createdAt: 'asc' } })
    expect(removed).toMatchObject({ status: 'removed', cancelReason: '重复报名' })
    expect(promoted.status).toBe('confirmed')
    const mail = await db.outboxMessage.findFirstOrThrow({ where: { bookingId: removed.id, kind: 'booking-cancelled' } })
    expect(JSON.parse(mail.payload)).toMatchObject({ reason: '重复报名', invite: { method: 'CANCEL' } })
    await expectInvariants(session.id)
  })

  test('promoting a waiting person needs a free seat; check-in, resend and messages go through the outbox', async () => {
    const { session, organiser, bookings } = await sessionWith(1, 2)
    expect(await promoteBooking(session.id, bookings[1].id, organiser.id)).toEqual({ ok: false, error: 'errors.noSeat' })
    await changeCapacity(session.id, 2, organiser.id)
    expect(await promoteBooking(session.id, bookings[1].id, organiser.id)).toEqual({ ok: false, error: 'errors.notWaiting' })
    // check-in belongs to the session's day; before it only as an override, which is recorded
    const arrive = (bookingId: string, now: Date, override = false) =>
      recordArrival({ sessionId: session.id, bookingId, actorId: organiser.id, now, override })
    expect(await arrive(bookings[0].id, new Date())).toEqual({ ok: false, error: 'errors.notSessionDay' })
    expect(await arrive(bookings[0].id, session.startsAt)).toMatchObject({ ok: true })
    expect(await arrive(bookings[0].id, session.startsAt)).toMatchObject({ ok: false, error: 'attendance.alreadyArrived' })
    await changeCapacity(session.id, 3, organiser.id)
    const third = await db.booking.findFirstOrThrow({ where: { sessionId: session.id, status: 'confirmed', attendance: { none: {} } } })
    expect(await arrive(third.id, new Date(), true)).toMatchObject({ ok: true })
    const audits = await db.auditLog.findMany({ where: { action: 'attendance.arrived' }, orderBy: { createdAt: 'asc' } })
    expect(audits.map((a) => JSON.parse(a.data))).toEqual([
      { day: shanghaiDay(session.startsAt) },
      { day: shanghaiDay(new Date()), override: true, sessionDay: false },
    ])
    expect(await resendInvite(session.id, bookings[0].id, organiser.id)).toBe(true)
    expect(await messageAttendees(session.id, { audience: 'booked', subject: '集合地点', body: '请在南门集合' }, organiser.id)).toBe(2)
    expect(await db.outboxMessage.count({ where: { kind: 'organiser-message' } })).toBe(2)
  })

  test('cancelling a session cancels every booking, with CANCEL invites for confirmed seats and the reason for all', async () => {
    const { session, organiser } = await sessionWith(1, 3)
    expect(await cancelSession(session.id, '天气原因', organiser.id)).toBe(3)
    expect(await db.booking.count({ where: { sessionId: session.id, status: 'cancelled' } })).toBe(3)
    const mails = await db.outboxMessage.findMany({ where: { kind: 'session-cancelled' } })
    expect(mails).toHaveLength(3)
    expect(mails.filter((m) => JSON.parse(m.payload).invite?.method === 'CANCEL')).toHaveLength(1)
    await expectInvariants(session.id)
  })
})

describe('quotas', () => {
  test('resizing a quota serves the waitlist; below its seats is refused; categories lock once booked', async () => {
    const { now } = testClock()
    const dept = await createDepartment(db)
    const programme = await createProgramme(db, dept.id, { kind: 'social' }, now)
    const session = await createSession(
      db,
      programme.id,
      {
        capacity: 4,
        quotas: [
          { category: 'female', capacity: 1 },
          { category: 'male', capacity: 1 },
        ],
      },
      now,
    )
    const organiser = await createUser(db, { role: 'organiser', departmentId: dept.id })
    for (let i = 0; i < 3; i++) {
      const w = await createUser(db, { gender: 'female' })
      await bookSession({ userId: w.id, sessionId: session.id, attendees: self(w.id) })
    }
    expect(await changeQuotas(session.id, { female: 0, male: 1 }, organiser.id)).toEqual({ ok: false, error: 'errors.capacityBelowBooked' })
    expect(await changeQuotas(session.id, { female: 3, male: 2 }, organiser.id)).toEqual({ ok: false, error: 'errors.quotaOverCapacity' })
    expect(await changeQuotas(session.id, { female: 3 }, organiser.id)).toEqual({ ok: false, error: 'errors.quotaCategoriesLocked' })
    expect(await changeQuotas(session.id, { female: 3, male: 1 }, organiser.id)).toEqual({ ok: true, promoted: 2 })
    await expectInvariants(session.id)
  })
})

describe('no-shows', () => {
  test('only after the day: everyone confirmed without a record is absent that day', async () => {
    const { session, organiser, bookings } = await sessionWith(3, 3)
    await recordArrival({ sessionId: session.id, bookingId: bookings[0].id, actorId: organiser.id, now: session.startsAt })
    expect(await markAbsences(session.startsAt)).toEqual({ marked: 0 })
    const after = new Date(session.endsAt.getTime() + 60_000)
    expect(await markAbsences(after)).toEqual({ marked: 2 })
    const days = await db.attendance.findMany({ where: { booking: { sessionId: session.id } }, select: { bookingId: true, status: true } })
    expect(bookings.map((b) => days.find((d) => d.bookingId === b.id)?.status)).toEqual(['present', 'absent', 'absent'])
  })
})

describe('roster CSV', () => {
  test('UTF-8 with BOM, Chinese intact, children with guardian and notes; parses back', async () => {
    const { now } = testClock()
    const dept = await createDepartment(db)
    const programme = await createProgramme(db, dept.id, { audience: 'child' }, now)
    const session = await createSession(db, programme.id, {}, now)
    const parent = await createUser(db, { name: '王芳', phone: '13912345678' })
    const child = await createChild(db, parent.id, { name: '李小雨', notes: '对花生过敏, "严重"' })
    await bookSession({ userId: parent.id, sessionId: session.id, attendees: [{ kind: 'child', childId: child.id }] })
    const t = (key: string) => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], zh) as string
    const csv = await rosterCsv(session.id, 'zh-CN', t, { withNotes: true, actorId: parent.id })
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    expect(csv).toContain('\r\n')
    const [header, row] = parse(csv.slice(1)) as string[][]
    expect(header.slice(0, 5)).toEqual(['参加者', '状态', '性别', '名额类别', '监护人'])
    expect(row.slice(0, 6)).toEqual(['李小雨', '已报名', '男', '', '王芳', '13912345678'])
    expect(row[7]).toBe('对花生过敏, "严重"')
  })
})
