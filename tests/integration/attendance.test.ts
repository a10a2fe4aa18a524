import { describe, expect, test } from 'vitest'
import { reportAbsence, withdrawAbsence } from '~/models/attendance/absence.server'
import { certificateFor, daysOfBookings, newCertificateCode, verifyCertificate } from '~/models/attendance/days.server'
import { markAbsences } from '~/models/attendance/absences.server'
import { recordArrival, recordPickup } from '~/models/attendance/register.server'
import { bookSession } from '~/models/booking/book-session.server'
import { addPickupPerson } from '~/models/child/pickups.server'
import { deliverDueMail } from '~/models/mail/outbox-worker.server'
import { getRoster } from '~/models/organiser/roster.server'
import { meetingDays, meetingTimes } from '~/models/programme/recurrence'
import { rescheduleSession } from '~/models/programme/reschedule-session.server'
import { db, engine, statementsOutsideTransactions } from '~/utils/db.server'
import { shanghaiTime } from '~/utils/time'
import { DAY, testClock } from '../clock'
import { createChild, createDepartment, createProgramme, createSession, createUser } from '../factories'
import { useSmtpSink } from './smtp-sink'

// Every meeting day of a camp term or a course on its own: the register, safe pick-up, absence
// notes, the absence job, completion and certificates — on both engines.

const smtp = useSmtpSink()

/** A two-week weekday camp term starting next Monday, 08:30–17:00, with a holiday on its Wednesday. */
async function campTerm(children = 1, options: { holiday?: boolean } = {}) {
  const clock = testClock()
  const first = clock.mondayAfter(7)
  const dept = await createDepartment(db)
  const programme = await createProgramme(db, dept.id, { kind: 'camp', audience: 'child' }, clock.now)
  const last = shanghaiTime(first, '17:00')
  const session = await createSession(
    db,
    programme.id,
    {
      startsAt: shanghaiTime(first, '08:30'),
      endsAt: shanghaiTime(first, '17:00'),
      repeatDays: 'MO,TU,WE,TH,FR',
      repeatUntil: new Date(last.getTime() + 11 * DAY),
      excludedDates: options.holiday === false ? '' : addDaysTo(first, 2),
      capacity: Math.max(children, 1),
    },
    clock.now,
  )
  const parent = await createUser(db, { name: '王芳' })
  const kids = []
  for (let i = 0; i < children; i++) kids.push(await createChild(db, parent.id, { name: `李小${'明雨雪山'[i % 4]}${i}` }))
  const bookings = []
  for (const kid of kids) {
    const [r] = await bookSession({
      userId: parent.id,
      sessionId: session.id,
      attendees: [{ kind: 'child', childId: kid.id }],
      now: clock.now,
    })
    bookings.push((r as { bookingId: string }).bookingId)
  }
  const organiser = await createUser(db, { role: 'organiser', departmentId: dept.id })
  return { clock, programme, session, parent, kids, bookings, organiser, days: meetingDays(session) }
}
const addDaysTo = (day: string, n: number) => new Date(Date.parse(`${day}T12:00:00Z`) + n * DAY).toISOString().slice(0, 10)
const at = (day: string, time: string) => shanghaiTime(day, time)

describe('attendance per meeting day', () => {
  test('a term with a holiday: one record a day; moving the series keeps what was recorded, flagged, and moves the rest', async () => {
    const { session, bookings, organiser, days, clock } = await campTerm(1)
    expect(days).toHaveLength(9) // ten weekdays minus the holiday
    for (const day of days.slice(0, 2)) {
      expect(
        await recordArrival({ sessionId: session.id, bookingId: bookings[0], actorId: organiser.id, now: at(day, '08:20') }),
      ).toMatchObject({ ok: true })
    }
    // a day still ahead: no arrival can be recorded on its register yet
    expect(
      await recordArrival({
        sessionId: session.id,
        bookingId: bookings[0],
        actorId: organiser.id,
        day: days[3],
        now: at(days[2], '08:20'),
      }),
    ).toEqual({ ok: false, error: 'attendance.futureDay' })
    // a day the session does not meet (the holiday): refused, unless overridden (audited)
    const holiday = addDaysTo(days[0], 2)
    expect(
      await recordArrival({ sessionId: session.id, bookingId: bookings[0], actorId: organiser.id, now: at(holiday, '08:20') }),
    ).toEqual({
      ok: false,
      error: 'errors.notSessionDay',
    })
    // the series moves a week later: the two recorded days stay, off-schedule; nine days still to come
    await rescheduleSession(
      session.id,
      {
        startsAt: new Date(session.startsAt.getTime() + 7 * DAY),
        endsAt: new Date(session.endsAt.getTime() + 7 * DAY),
        placeZh: '新地点',
        placeEn: 'New place',
      },
      organiser.id,
    )
    const moved = await db.session.findUniqueOrThrow({ where: { id: session.id } })
    const view = (await daysOfBookings([{ id: bookings[0], session: moved }], clock.now)).get(bookings[0])!
    expect(view.filter((d) => d.offSchedule).map((d) => [d.day, d.state])).toEqual([
      [days[0], 'present'],
      [days[1], 'present'],
    ])
    expect(view.filter((d) => !d.offSchedule)).toHaveLength(9)
    expect(view.filter((d) => !d.offSchedule).every((d) => d.state === 'expected')).toBe(true)
  })

  test('two doors record the same child at the same moment: one record, the other told what is there', async () => {
    const { session, bookings, organiser, days } = await campTerm(1)
    const second = await createUser(db, { role: 'organiser', departmentId: organiser.departmentId ?? undefined })
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        recordArrival({
          sessionId: session.id,
          bookingId: bookings[0],
          actorId: i % 2 ? second.id : organiser.id,
          now: at(days[0], '08:15'),
        }),
      ),
    )
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error === 'attendance.alreadyArrived' && r.existing?.arrivedAt)).toBe(true)
    expect(await db.attendance.count({ where: { bookingId: bookings[0] } })).toBe(1)
    expect(await db.auditLog.count({ where: { action: 'attendance.arrived', entityId: bookings[0] } })).toBe(1)
    // and the pick-up, twice at once: collected once
    const pickups = await Promise.all(
      Array.from({ length: 4 }, () =>
        recordPickup({
          sessionId: session.id,
          bookingId: bookings[0],
          actorId: organiser.id,
          collector: { kind: 'guardian' },
          now: at(days[0], '17:05'),
        }),
      ),
    )
    expect(pickups.filter((r) => r.ok)).toHaveLength(1)
    expect(pickups.filter((r) => !r.ok && r.error === 'attendance.alreadyCollected')).toHaveLength(3)
    expect(await db.outboxMessage.count({ where: { bookingId: bookings[0], kind: 'child-collected' } })).toBe(1)
  })
})

describe('safe pick-up', () => {
  test('only the guardian or a listed person; anyone else only with a reason, audited; the guardian is mailed who and when', async () => {
    const { session, bookings, organiser, days, parent, kids } = await campTerm(1)
    expect(
      await addPickupPerson(parent.id, kids[0].id, { intent: 'add-pickup', name: '李强', relation: '父亲', phone: '13900001234' }),
    ).toEqual({ ok: true })
    const stranger = await createUser(db)
    expect(
      await addPickupPerson(stranger.id, kids[0].id, { intent: 'add-pickup', name: '坏人', relation: '朋友', phone: '13900009999' }),
    ).toMatchObject({ ok: false })
    const father = await db.pickupPerson.findFirstOrThrow({ where: { childId: kids[0].id } })
    const otherChild = await createChild(db, stranger.id)
    await addPickupPerson(stranger.id, otherChild.id, { intent: 'add-pickup', name: '别人家的', relation: '舅舅', phone: '13900008888' })
    const notOurs = await db.pickupPerson.findFirstOrThrow({ where: { childId: otherChild.id } })
    const pick = (collector: Parameters<typeof recordPickup>[0]['collector'], day: string) =>
      recordPickup({ sessionId: session.id, bookingId: bookings[0], actorId: organiser.id, collector, now: at(day, '17:05') })

    expect(await pick({ kind: 'guardian' }, days[0])).toEqual({ ok: false, error: 'attendance.notArrived' })
    await recordArrival({ sessionId: session.id, bookingId: bookings[0], actorId: organiser.id, now: at(days[0], '08:10') })
    // a person from another child's list is not on this child's
    expect(await pick({ kind: 'listed', pickupPersonId: notOurs.id }, days[0])).toEqual({ ok: false, error: 'attendance.notOnList' })
    expect(await pick({ kind: 'listed', pickupPersonId: father.id }, days[0])).toMatchObject({ ok: true })

    await recordArrival({ sessionId: session.id, bookingId: bookings[0], actorId: organiser.id, now: at(days[1], '08:10') })
    expect(await pick({ kind: 'other', name: '张阿姨', reason: '已致电王芳，同意由邻居张阿姨接' }, days[1])).toMatchObject({ ok: true })
    const second = await db.attendance.findUniqueOrThrow({ where: { bookingId_day: { bookingId: bookings[0], day: days[1] } } })
    expect(second).toMatchObject({
      status: 'left',
      collectedByName: '张阿姨',
      overrideReason: '已致电王芳，同意由邻居张阿姨接',
      collectedById: null,
    })
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'attendance.collected-override', entityId: bookings[0] } })
    expect(audit.actorId).toBe(organiser.id)
    expect(JSON.parse(audit.data)).toMatchObject({ override: true, reason: '已致电王芳，同意由邻居张阿姨接' })

    await deliverDueMail({ owner: 'attendance', transporter: smtp.current.transporter(), from: 'Carnation <no-reply@carnation.test>' })
    const mails = smtp.current.received.filter((m) => m.parsed.text?.includes('接走'))
    expect(mails).toHaveLength(2)
    expect(mails[0].parsed.text).toContain('李强 (父亲)')
    expect(mails[0].parsed.text).toContain('17:05')
    expect(mails[1].parsed.text).toContain('张阿姨')
    expect(JSON.stringify(mails[0].parsed.to)).toContain(parent.email)
  })
})

describe('absence notes (请假)', () => {
  test('reported for future days until the day starts, withdrawn until then; the seat stays; the roster counts it', async () => {
    const { session, bookings, parent, days, clock } = await campTerm(1)
    const before = at(days[2], '08:29')
    expect(
      await reportAbsence({ userId: parent.id, bookingId: bookings[0], days: [days[2], days[3]], reason: '发烧', now: before }),
    ).toEqual({
      ok: true,
      days: [days[2], days[3]],
    })
    // the day has begun: call the organiser
    const late = await reportAbsence({ userId: parent.id, bookingId: bookings[0], days: [days[2]], now: at(days[2], '08:31') })
    expect(late).toMatchObject({ ok: false, error: 'attendance.tooLateToReport' })
    expect(await withdrawAbsence({ userId: parent.id, bookingId: bookings[0], day: days[2], now: at(days[2], '09:00') })).toMatchObject({
      ok: false,
      error: 'attendance.tooLateToReport',
    })
    expect(await withdrawAbsence({ userId: parent.id, bookingId: bookings[0], day: days[3], now: before })).toEqual({
      ok: true,
      days: [days[3]],
    })
    // not a meeting day, someone else's booking
    expect(await reportAbsence({ userId: parent.id, bookingId: bookings[0], days: [addDaysTo(days[0], 2)], now: clock.now })).toMatchObject(
      {
        error: 'attendance.notAMeetingDay',
      },
    )
    const other = await createUser(db)
    expect(await reportAbsence({ userId: other.id, bookingId: bookings[0], days: [days[4]], now: clock.now })).toEqual({
      ok: false,
      error: 'booking.notFound',
    })
    // one day, not the term: the place is still held
    expect((await db.booking.findUniqueOrThrow({ where: { id: bookings[0] } })).status).toBe('confirmed')
    const roster = await getRoster(session.id, { day: days[2] }, at(days[2], '10:00'))
    expect(roster.register).toMatchObject({ excused: 1, expected: 0 })
    expect(roster.rows[0].today).toMatchObject({ state: 'excused', excuseReason: '发烧' })
  })

  test('the absence job: after each day, no record means absent; idempotent when run twice at once and again', async () => {
    const { bookings, days, organiser, session, parent } = await campTerm(3)
    await recordArrival({ sessionId: session.id, bookingId: bookings[0], actorId: organiser.id, now: at(days[0], '08:10') })
    await reportAbsence({ userId: parent.id, bookingId: bookings[1], days: [days[0]], now: at(days[0], '07:00') })
    const after = at(days[1], '18:00') // two days over
    const [a, b] = await Promise.all([markAbsences(after), markAbsences(after)])
    expect(a.marked + b.marked).toBe(4) // the third child on day one; all three on day two
    expect(await markAbsences(after)).toEqual({ marked: 0 })
    const rows = await db.attendance.findMany({
      where: { bookingId: { in: bookings } },
      select: { bookingId: true, day: true, status: true },
    })
    expect(rows).toHaveLength(6)
    const state = (i: number, d: number) => rows.find((r) => r.bookingId === bookings[i] && r.day === days[d])?.status
    expect([state(0, 0), state(1, 0), state(2, 0), state(0, 1), state(1, 1), state(2, 1)]).toEqual([
      'present',
      'excused',
      'absent',
      'absent',
      'absent',
      'absent',
    ])
  })
})

describe('course completion', () => {
  test('by the rule after the last meeting; a certificate code anyone can check, that reveals nothing else and cannot be guessed', async () => {
    const clock = testClock()
    const dept = await createDepartment(db, { nameZh: '女工部', nameEn: 'Women Workers’ Department' })
    const first = clock.mondayAfter(3)
    const saturday = addDaysTo(first, 5)
    const programme = await createProgramme(
      db,
      dept.id,
      { kind: 'training', titleZh: '育婴员培训', titleEn: 'Childcare worker course' },
      clock.now,
    )
    await db.programme.update({ where: { id: programme.id }, data: { completionMeetings: 4 } })
    const session = await createSession(
      db,
      programme.id,
      {
        startsAt: at(saturday, '09:00'),
        endsAt: at(saturday, '12:00'),
        repeatDays: 'SA',
        repeatUntil: new Date(at(saturday, '12:00').getTime() + 28 * DAY),
        capacity: 5,
      },
      clock.now,
    )
    const days = meetingDays(session)
    expect(days).toHaveLength(5)
    const organiser = await createUser(db, { role: 'organiser', departmentId: dept.id })
    const [done, short] = [await createUser(db, { name: '赵敏' }), await createUser(db, { name: '钱多' })]
    const ids: string[] = []
    for (const u of [done, short]) {
      const [r] = await bookSession({ userId: u.id, sessionId: session.id, attendees: [{ kind: 'self', userId: u.id }], now: clock.now })
      ids.push((r as { bookingId: string }).bookingId)
    }
    for (const [i, day] of days.entries()) {
      if (i !== 2) await recordArrival({ sessionId: session.id, bookingId: ids[0], actorId: organiser.id, now: at(day, '08:55') })
      if (i < 3) await recordArrival({ sessionId: session.id, bookingId: ids[1], actorId: organiser.id, now: at(day, '08:55') })
    }
    const beforeEnd = at(days[4], '11:00')
    expect(await certificateFor({ bookingId: ids[0], userId: done.id, now: beforeEnd })).toMatchObject({
      ok: false,
      progress: { completed: true, final: false },
    })
    const over = at(days[4], '12:30')
    const roster = await getRoster(session.id, {}, over)
    expect(roster.rows.map((r) => [r.attendee, r.progress.attended, r.progress.completed])).toEqual([
      ['赵敏', 4, true],
      ['钱多', 3, false],
    ])
    expect(await certificateFor({ bookingId: ids[1], userId: short.id, now: over })).toMatchObject({ ok: false })
    expect(await certificateFor({ bookingId: ids[0], userId: short.id, now: over })).toBeNull() // not theirs
    const issued = await certificateFor({ bookingId: ids[0], userId: done.id, now: over })
    expect(issued?.ok).toBe(true)
    const code = issued!.ok ? issued!.certificate.code : ''
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/)
    // asked again (or twice at once): the same certificate
    const again = await Promise.all([
      certificateFor({ bookingId: ids[0], userId: done.id, now: over }),
      certificateFor({ bookingId: ids[0], userId: done.id, now: over }),
    ])
    expect(again.map((c) => (c?.ok ? c.certificate.code : null))).toEqual([code, code])
    expect(await db.certificate.count()).toBe(1)

    const checked = await verifyCertificate(code.toLowerCase().replace(/(.{4})/g, '$1-'))
    expect(checked).toMatchObject({ maskedName: '赵*', attended: 4, meetings: 5, firstDay: days[0], lastDay: days[4] })
    expect(JSON.stringify(checked)).not.toContain('赵敏')
    expect(JSON.stringify(checked)).not.toContain(done.email)
    expect(await verifyCertificate(code.slice(0, 15) + (code[15] === '0' ? '1' : '0'))).toBeNull()
    // 80 random bits: a thousand codes, no repeat, every letter of the alphabet in use
    const many = new Set(Array.from({ length: 1000 }, newCertificateCode))
    expect(many.size).toBe(1000)
    expect(new Set([...many].join('')).size).toBe(32)
  })
})

describe('the register of a large camp', () => {
  test.runIf(engine === 'sqlite')('the number of queries does not grow with the children or the days recorded', async () => {
    const count = async (children: number) => {
      const { session, bookings, organiser, days } = await campTerm(children, { holiday: false })
      for (const day of days.slice(0, 3)) {
        for (const b of bookings) await recordArrival({ sessionId: session.id, bookingId: b, actorId: organiser.id, now: at(day, '08:10') })
      }
      const before = statementsOutsideTransactions.count
      const roster = await getRoster(session.id, { day: days[2] }, at(days[2], '18:00'))
      expect(roster.rows).toHaveLength(children)
      expect(roster.latePickups).toHaveLength(children) // the day is over, nobody collected
      return statementsOutsideTransactions.count - before
    }
    const small = await count(3)
    const large = await count(40)
    expect(large).toBe(small)
  })
})

test('meeting times of a day keep the first meeting’s hours', () => {
  const clock = testClock()
  const [first, third] = [clock.day(10), clock.day(12)]
  const series = { startsAt: shanghaiTime(first, '08:30'), endsAt: shanghaiTime(first, '17:00') }
  expect(meetingTimes(series, third)).toEqual({ startsAt: shanghaiTime(third, '08:30'), endsAt: shanghaiTime(third, '17:00') })
})
