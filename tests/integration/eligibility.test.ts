import { describe, expect, test } from 'vitest'
import { bookSession } from '~/models/booking/book-session.server'
import type { RefusalReason } from '~/models/booking/constants'
import { db } from '~/utils/db.server'
import { addDays, shanghaiTime } from '~/utils/time'
import en from '~/locales/en'
import zh from '~/locales/zh-CN'
import { DAY, testClock } from '../clock'
import { createChild, createDepartment, createProgramme, createSession, createUser, type ProgrammeData } from '../factories'

type Case = {
  reason: RefusalReason
  programme?: ProgrammeData
  session?: { startsAt?: Date; status?: string; quotas?: { category: 'female' | 'male'; capacity: number }[] }
  member?: Parameters<typeof createUser>[1]
  child?: { birthDate?: Date } | 'someone-else'
}

// this file's clock: every date below is relative to it
const clock = testClock()
const { now } = clock
const cases: Case[] = [
  { reason: 'programme-unavailable', programme: { status: 'draft' } },
  { reason: 'session-cancelled', session: { status: 'cancelled' } },
  { reason: 'session-past', session: { startsAt: new Date(now.getTime() - DAY) } },
  { reason: 'not-open', programme: { bookingOpensAt: new Date(now.getTime() + DAY) } },
  { reason: 'closed', programme: { bookingClosesAt: new Date(now.getTime() - 1000) } },
  { reason: 'members-only', programme: { membersOnly: true }, member: { memberNo: null } },
  // a number typed but never verified (matched to the register or checked by an organiser)
  { reason: 'member-unverified', programme: { membersOnly: true }, member: { memberNo: 'FAKE-0001', memberVerified: false } },
  { reason: 'wrong-audience', programme: { audience: 'child' } },
  { reason: 'not-your-child', programme: { audience: 'child' }, child: 'someone-else' },
  { reason: 'missing-birth-date', programme: { minAge: 22, maxAge: 35 }, member: { birthDate: undefined } },
  {
    reason: 'too-young',
    programme: { audience: 'child', minAge: 6, maxAge: 12 },
    child: { birthDate: new Date(now.getTime() - 4 * 365 * DAY) },
  },
  { reason: 'too-old', programme: { minAge: 22, maxAge: 35 }, member: { birthDate: shanghaiTime('1980-01-01') } },
  { reason: 'missing-gender', session: { quotas: [{ category: 'female', capacity: 5 }] }, member: { gender: undefined } },
  { reason: 'no-quota-for-gender', session: { quotas: [{ category: 'female', capacity: 5 }] }, member: { gender: 'male' } },
]

describe('eligibility: every refusal has its reason, its message in both languages, and writes nothing', () => {
  test.each(cases)('$reason', async (c) => {
    const dept = await createDepartment(db)
    const programme = await createProgramme(db, dept.id, c.programme ?? {}, now)
    const { status, ...sessionData } = c.session ?? {}
    const session = await createSession(db, programme.id, sessionData, now)
    if (status) await db.session.update({ where: { id: session.id }, data: { status } })
    const member = await createUser(db, c.member)
    if (c.member && 'birthDate' in c.member && !c.member.birthDate) {
      await db.user.update({ where: { id: member.id }, data: { birthDate: null } })
    }
    if (c.member && 'gender' in c.member && !c.member.gender) {
      await db.user.update({ where: { id: member.id }, data: { gender: null } })
    }
    let attendee: Parameters<typeof bookSession>[0]['attendees'][number] = { kind: 'self', userId: member.id }
    if (c.child === 'someone-else') {
      const stranger = await createUser(db)
      attendee = { kind: 'child', childId: (await createChild(db, stranger.id)).id }
    } else if (c.child) {
      attendee = { kind: 'child', childId: (await createChild(db, member.id, c.child)).id }
    }
    const before = await db.auditLog.count()
    const [outcome] = await bookSession({ userId: member.id, sessionId: session.id, attendees: [attendee], now })
    expect(outcome).toMatchObject({ result: 'refused', reason: c.reason })
    expect(await db.booking.count()).toBe(0)
    expect(await db.outboxMessage.count()).toBe(0)
    expect(await db.auditLog.count()).toBe(before)
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).seatsTaken).toBe(0)
    expect(zh.booking.reasons[c.reason]).toBeTruthy()
    expect(en.booking.reasons[c.reason]).toBeTruthy()
  })

  test('per-booker limit: a parent booking three children where the limit is two gets two', async () => {
    const dept = await createDepartment(db)
    const programme = await createProgramme(db, dept.id, { audience: 'child', perBookerLimit: 2 }, now)
    const session = await createSession(db, programme.id, { capacity: 10 }, now)
    const parent = await createUser(db)
    const kids = await Promise.all([1, 2, 3].map(() => createChild(db, parent.id)))
    const outcomes = await bookSession({
      userId: parent.id,
      sessionId: session.id,
      attendees: kids.map((k) => ({ kind: 'child' as const, childId: k.id })),
    })
    expect(outcomes.map((o) => o.result)).toEqual(['confirmed', 'confirmed', 'refused'])
    expect(outcomes[2]).toMatchObject({ reason: 'per-booker-limit' })
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).seatsTaken).toBe(2)
  })

  test('a child is age-checked on the session’s first day', async () => {
    const dept = await createDepartment(db)
    const programme = await createProgramme(db, dept.id, { audience: 'child', minAge: 6, maxAge: 12 }, now)
    // (never 29 February: six years earlier has none)
    const firstDay = clock.day(45).endsWith('-02-29') ? clock.day(46) : clock.day(45)
    const session = await createSession(db, programme.id, { startsAt: shanghaiTime(firstDay, '08:30') }, now)
    const parent = await createUser(db)
    const sixYearsBefore = `${Number(firstDay.slice(0, 4)) - 6}${firstDay.slice(4)}`
    const turnsSixOnDay = await createChild(db, parent.id, { birthDate: shanghaiTime(sixYearsBefore) })
    const turnsSixNextDay = await createChild(db, parent.id, { birthDate: shanghaiTime(addDays(sixYearsBefore, 1)) })
    const outcomes = await bookSession({
      userId: parent.id,
      sessionId: session.id,
      attendees: [turnsSixOnDay, turnsSixNextDay].map((k) => ({ kind: 'child' as const, childId: k.id })),
      now,
    })
    expect(outcomes.map((o) => ('reason' in o ? o.reason : o.result))).toEqual(['confirmed', 'too-young'])
  })
})
