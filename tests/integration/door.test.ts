import { randomUUID } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { bookSession } from '~/models/booking/book-session.server'
import { cancelBooking } from '~/models/booking/cancel-booking.server'
import { addPickupPerson } from '~/models/child/pickups.server'
import { eraseChild } from '~/models/privacy/erase.server'
import { collectMyData } from '~/models/privacy/my-data.server'
import { doorList } from '~/models/organiser/door-list.server'
import { doorRecordsToSettle, settleDoorRecord, syncDoorRecords } from '~/models/organiser/door.server'
import type { DoorRecordInput } from '~/models/organiser/schemas'
import { meetingDays } from '~/models/programme/recurrence'
import type { SignedInUser } from '~/models/user/login.server'
import * as listRoute from '~/routes/organiser.door_.list'
import * as syncRoute from '~/routes/organiser.door_.sync'
import { db } from '~/utils/db.server'
import { shanghaiTime } from '~/utils/time'
import { DAY, HOUR, MINUTE, testClock } from '../clock'
import { createChild, createDepartment, createProgramme, createSession, createUser } from '../factories'
import { loginCookie } from './request'

// The door offline (docs/decisions/0021-door-offline.md): the records a phone queued, sent once
// or many times, from one door or two, and what the server keeps — on both engines.

/** A weekday camp term from next Monday, 08:30–17:00, with `children` children booked by one parent. */
async function campTerm(children = 2) {
  const clock = testClock()
  const first = clock.mondayAfter(7)
  const dept = await createDepartment(db)
  const programme = await createProgramme(db, dept.id, { kind: 'camp', audience: 'child' }, clock.now)
  const session = await createSession(
    db,
    programme.id,
    {
      startsAt: shanghaiTime(first, '08:30'),
      endsAt: shanghaiTime(first, '17:00'),
      repeatDays: 'MO,TU,WE,TH,FR',
      repeatUntil: new Date(shanghaiTime(first, '17:00').getTime() + 4 * DAY),
      capacity: 10,
    },
    clock.now,
  )
  const parent = await createUser(db, { name: '王芳' })
  const kids = []
  const bookings: string[] = []
  for (let i = 0; i < children; i++) {
    const kid = await createChild(db, parent.id, { name: `李小${'明雨'[i % 2]}${i}`, notes: i === 0 ? '花生过敏' : undefined })
    kids.push(kid)
    const [r] = await bookSession({
      userId: parent.id,
      sessionId: session.id,
      attendees: [{ kind: 'child', childId: kid.id }],
      now: clock.now,
    })
    bookings.push((r as { bookingId: string }).bookingId)
  }
  const organiser = await createUser(db, { role: 'organiser', departmentId: dept.id, name: '门口甲' })
  const colleague = await createUser(db, { role: 'organiser', departmentId: dept.id, name: '门口乙' })
  const [day] = meetingDays(session)
  return { clock, dept, session, parent, kids, bookings, organiser, colleague, day, at: (time: string) => shanghaiTime(day, time) }
}

const asUser = (u: { id: string; name: string; email: string; role: string; departmentId: string | null }) =>
  ({ ...u, role: u.role as SignedInUser['role'], locale: 'zh-CN', noticeVersion: 99, emailVerified: true }) as SignedInUser

const arrival = (bookingId: string, sessionId: string, at: Date): DoorRecordInput => ({
  id: randomUUID(),
  kind: 'arrival',
  bookingId,
  sessionId,
  at,
})
const pickup = (bookingId: string, sessionId: string, at: Date, fields: Partial<DoorRecordInput> = {}): DoorRecordInput => ({
  id: randomUUID(),
  kind: 'pickup',
  bookingId,
  sessionId,
  at,
  collector: 'guardian',
  ...fields,
})

/** What the sync endpoint receives from a phone (JSON: dates as ISO strings). */
function syncRequest(body: unknown, cookie?: string, type = 'application/json') {
  return new Request('http://localhost/organiser/door/sync', {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'Content-Type': type, ...(cookie ? { Cookie: cookie } : {}) },
  })
}
async function answer(run: () => Promise<Response>) {
  try {
    const response = await run()
    return { status: response.status, body: await response.json() }
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: await thrown.json().catch(() => null) }
    throw thrown
  }
}
const rows = async () => ({ door: await db.doorRecord.count(), attendance: await db.attendance.count(), audit: await db.auditLog.count() })

describe('the door offline: sync', () => {
  test('the same record sent twice (a retry after a half-failed request) is stored once; a batch in any order', async () => {
    const { session, bookings, organiser, at } = await campTerm(2)
    const user = asUser(organiser)
    const first = arrival(bookings[0], session.id, at('08:05'))
    const second = arrival(bookings[1], session.id, at('08:06'))
    const collected = pickup(bookings[0], session.id, at('16:50'))
    // sent newest first: the server applies them in the order they happened at the door
    const results = await syncDoorRecords(user, [collected, second, first], at('17:05'))
    expect(results.map((r) => [r.id, r.outcome])).toEqual([
      [collected.id, 'applied'],
      [second.id, 'applied'],
      [first.id, 'applied'],
    ])
    const before = await rows()
    const again = await syncDoorRecords(user, [first, second, collected], at('17:06'))
    expect(again.map((r) => r.outcome)).toEqual(['applied', 'applied', 'applied'])
    expect(await rows()).toEqual(before)
    expect(before.door).toBe(3)
    const days = await db.attendance.findMany({ where: { bookingId: { in: bookings } }, orderBy: { arrivedAt: 'asc' } })
    expect(days.map((d) => d.status)).toEqual(['left', 'present'])
    // the phone's time is when it happened; the server keeps its own receive time beside it
    expect(days[0].arrivedAt).toEqual(at('08:05'))
    expect(days[0].leftAt).toEqual(at('16:50'))
    const kept = await db.doorRecord.findUniqueOrThrow({ where: { id: first.id } })
    expect(kept.deviceAt).toEqual(at('08:05'))
    expect(kept.receivedAt).toEqual(at('17:05'))
    // the guardian is told who collected the child, once
    expect(await db.outboxMessage.count({ where: { kind: 'child-collected', bookingId: bookings[0] } })).toBe(1)
  })

  test('two doors offline record the same child: both kept, the second a conflict on the roster until settled; one arrival counted', async () => {
    const { session, bookings, organiser, colleague, at } = await campTerm(1)
    const doorA = arrival(bookings[0], session.id, at('08:01'))
    const doorB = arrival(bookings[0], session.id, at('08:02'))
    // door B's phone finds the network first: it was first to reach the server, so its record stands
    expect((await syncDoorRecords(asUser(colleague), [doorB], at('09:00')))[0].outcome).toBe('applied')
    const [a] = await syncDoorRecords(asUser(organiser), [doorA], at('09:01'))
    expect(a).toMatchObject({ outcome: 'conflict', error: 'attendance.alreadyArrived' })
    expect(await db.attendance.count({ where: { bookingId: bookings[0] } })).toBe(1)
    expect(await db.doorRecord.count({ where: { bookingId: bookings[0] } })).toBe(2)
    const waiting = await doorRecordsToSettle(session.id)
    expect(waiting.map((r) => [r.id, r.outcome])).toEqual([[doorA.id, 'conflict']])
    // another session's organiser cannot settle it through this session
    expect(await settleDoorRecord({ sessionId: 'c'.repeat(25), recordId: doorA.id, actorId: organiser.id })).toBe(false)
    expect(await settleDoorRecord({ sessionId: session.id, recordId: doorA.id, actorId: organiser.id })).toBe(true)
    expect(await settleDoorRecord({ sessionId: session.id, recordId: doorA.id, actorId: organiser.id })).toBe(false)
    expect(await doorRecordsToSettle(session.id)).toEqual([])
    expect(await db.auditLog.count({ where: { action: 'door.settled', entityId: doorA.id } })).toBe(1)
  })

  test('pick-ups: someone on the list, someone not on it (kept, for review), one with no arrival (a conflict), one already collected', async () => {
    const { session, bookings, parent, kids, organiser, colleague, at } = await campTerm(2)
    await addPickupPerson(parent.id, kids[0].id, { intent: 'add-pickup', name: '李强', relation: '父亲', phone: '13900001234' })
    const listed = await db.pickupPerson.findFirstOrThrow({ where: { childId: kids[0].id } })
    const user = asUser(organiser)
    const results = await syncDoorRecords(
      user,
      [
        arrival(bookings[0], session.id, at('08:00')),
        arrival(bookings[1], session.id, at('08:01')),
        pickup(bookings[0], session.id, at('16:40'), { collector: `p:${listed.id}` }),
        pickup(bookings[1], session.id, at('16:45'), { collector: 'other', otherName: '张阿姨', reason: '家长电话确认' }),
      ],
      at('17:00'),
    )
    expect(results.map((r) => r.outcome)).toEqual(['applied', 'applied', 'applied', 'review'])
    const days = await db.attendance.findMany({ where: { bookingId: { in: bookings } }, orderBy: { arrivedAt: 'asc' } })
    expect(days.map((d) => [d.status, d.collectedByName, d.overrideReason])).toEqual([
      ['left', '李强 (父亲)', null],
      ['left', '张阿姨', '家长电话确认'],
    ])
    const review = await doorRecordsToSettle(session.id)
    expect(review.map((r) => [r.outcome, r.collectorName, r.reason])).toEqual([['review', '张阿姨', '家长电话确认']])
    // another door collected the same child too: kept as a conflict, the first pick-up stands
    const late = await syncDoorRecords(asUser(colleague), [pickup(bookings[0], session.id, at('16:41'))], at('17:01'))
    expect(late[0]).toMatchObject({ outcome: 'conflict', error: 'attendance.alreadyCollected' })
    expect((await db.attendance.findFirstOrThrow({ where: { bookingId: bookings[0] } })).collectedByName).toBe('李强 (父亲)')
    // a pick-up whose arrival was never recorded (the other door's phone is still offline): kept as a conflict
    const { session: s2, bookings: b2, organiser: o2, at: at2 } = await campTerm(1)
    const orphan = await syncDoorRecords(asUser(o2), [pickup(b2[0], s2.id, at2('16:00'))], at2('16:01'))
    expect(orphan[0]).toMatchObject({ outcome: 'conflict', error: 'attendance.notArrived' })
    expect(await db.attendance.count({ where: { bookingId: b2[0] } })).toBe(0)
  })

  test('refused, with a reason, and nothing written: a cancelled booking, another department, a record too old, a day the session does not meet', async () => {
    const { session, bookings, parent, organiser, at, clock } = await campTerm(2)
    const other = await campTerm(1)
    await cancelBooking({ bookingId: bookings[1], userId: parent.id, now: clock.now })
    const before = await rows()
    const results = await syncDoorRecords(
      asUser(organiser),
      [
        arrival(bookings[1], session.id, at('08:00')),
        arrival(other.bookings[0], other.session.id, other.at('08:00')),
        // the booking is ours, the session named is not its session
        arrival(bookings[0], other.session.id, at('08:00')),
        arrival(bookings[0], session.id, new Date(at('08:00').getTime() - 20 * DAY)),
        // the Saturday after the first day: the term does not meet
        arrival(bookings[0], session.id, new Date(at('09:00').getTime() + 5 * DAY)),
      ],
      new Date(at('09:00').getTime() + 5 * DAY),
    )
    expect(results.map((r) => [r.outcome, r.error])).toEqual([
      ['refused', 'booking.notActive'],
      ['refused', 'door.notYours'],
      ['refused', 'door.notYours'],
      ['refused', 'door.tooOld'],
      ['refused', 'errors.notSessionDay'],
    ])
    expect(await rows()).toEqual(before)
  })

  test("a phone's clock running ahead is believed a few minutes, not more", async () => {
    const { session, bookings, organiser, at } = await campTerm(2)
    const now = at('08:30')
    await syncDoorRecords(
      asUser(organiser),
      [
        arrival(bookings[0], session.id, new Date(now.getTime() + 2 * MINUTE)),
        arrival(bookings[1], session.id, new Date(now.getTime() + 3 * HOUR)),
      ],
      now,
    )
    const days = await db.attendance.findMany({ where: { bookingId: { in: bookings } } })
    const byBooking = new Map(days.map((d) => [d.bookingId, d.arrivedAt]))
    expect(byBooking.get(bookings[0])).toEqual(now)
    expect(byBooking.get(bookings[1])).toEqual(now)
    // the phone's own time is kept as it said
    expect((await db.doorRecord.findFirstOrThrow({ where: { bookingId: bookings[1] } })).deviceAt).toEqual(
      new Date(now.getTime() + 3 * HOUR),
    )
  })

  test('the same batch sent twice at once (a retry while the first is in flight): every record once', async () => {
    const { session, bookings, organiser, at } = await campTerm(2)
    const batch = [arrival(bookings[0], session.id, at('08:00')), arrival(bookings[1], session.id, at('08:01'))]
    const [one, two] = await Promise.all([
      syncDoorRecords(asUser(organiser), batch, at('08:10')),
      syncDoorRecords(asUser(organiser), batch, at('08:10')),
    ])
    expect(one.map((r) => r.outcome)).toEqual(['applied', 'applied'])
    expect(two.map((r) => r.outcome)).toEqual(['applied', 'applied'])
    expect(await db.doorRecord.count()).toBe(2)
    expect(await db.attendance.count()).toBe(2)
    expect(await db.auditLog.count({ where: { action: 'attendance.arrived' } })).toBe(2)
  })
})

describe('the door offline: personal data', () => {
  test("who collected, as the door said it: in the guardian's copy of their data, gone when the child is erased", async () => {
    const { session, bookings, kids, parent, organiser, at } = await campTerm(1)
    await syncDoorRecords(
      asUser(organiser),
      [
        arrival(bookings[0], session.id, at('08:00')),
        pickup(bookings[0], session.id, at('16:30'), { collector: 'other', otherName: '张阿姨', reason: '家长电话确认' }),
      ],
      at('17:00'),
    )
    const copy = await collectMyData(parent.id)
    expect(copy.doorRecords).toEqual([
      expect.objectContaining({ kind: 'arrival', outcome: 'applied' }),
      expect.objectContaining({ kind: 'pickup', outcome: 'review', collectorName: '张阿姨', reason: '家长电话确认' }),
    ])
    expect(await eraseChild({ guardianId: parent.id, childId: kids[0].id })).not.toBeNull()
    const kept = await db.doorRecord.findMany({ where: { bookingId: bookings[0] } })
    // the records stay (the day's count adds up); the names and the reason go
    expect(kept.map((r) => [r.kind, r.collectorName, r.reason])).toEqual(
      expect.arrayContaining([
        ['arrival', null, null],
        ['pickup', null, null],
      ]),
    )
  })
})

describe('the door offline: the endpoints', () => {
  test('who may send: anonymous 401, a member 403, another department refused per record; malformed and oversized batches 4xx, nothing written', async () => {
    const { session, bookings, organiser, parent } = await campTerm(1)
    const stranger = await createUser(db, { role: 'organiser', departmentId: (await createDepartment(db)).id })
    const record = { id: randomUUID(), kind: 'arrival', bookingId: bookings[0], sessionId: session.id, at: new Date().toISOString() }
    const send = (body: unknown, cookie?: string, type?: string) =>
      answer(() => syncRoute.action({ request: syncRequest(body, cookie, type), params: {}, context: {} }) as Promise<Response>)
    const before = await rows()
    expect((await send({ records: [record] })).status).toBe(401)
    expect((await send({ records: [record] }, await loginCookie(parent.id))).status).toBe(403)
    const foreign = await send({ records: [record] }, await loginCookie(stranger.id))
    expect(foreign).toMatchObject({ status: 200, body: { results: [{ id: record.id, outcome: 'refused', error: 'door.notYours' }] } })
    const cookie = await loginCookie(organiser.id)
    const hostile: [unknown, number, string?][] = [
      ['not json {', 400],
      [{}, 400],
      [{ records: [] }, 400],
      [{ records: 'x' }, 400],
      [{ records: [{ ...record, id: 'not-a-uuid' }] }, 400],
      [{ records: [{ ...record, kind: 'teleport' }] }, 400],
      [{ records: [{ ...record, at: '2026-02-30T08:00:00Z' }] }, 400],
      [{ records: [{ ...record, bookingId: '__proto__' }] }, 400],
      [{ records: [{ ...record, kind: 'pickup' }] }, 400],
      [{ records: [{ ...record, kind: 'pickup', collector: 'other', otherName: '某人', reason: '' }] }, 400],
      [{ records: [{ ...record, kind: 'pickup', collector: 'other', otherName: 'x'.repeat(51), reason: '家长同意了' }] }, 400],
      [{ records: [record, { ...record, id: randomUUID(), at: 12 }] }, 400],
      [{ records: Array.from({ length: 501 }, () => ({ ...record, id: randomUUID() })) }, 413],
      [{ records: [record] }, 415, 'text/plain'],
      ['{"records":[{"__proto__":{"polluted":1}}]}', 400],
    ]
    for (const [body, status, type] of hostile)
      expect((await send(body, cookie, type)).status, JSON.stringify(body).slice(0, 80)).toBe(status)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(await rows()).toEqual(before)
    // and a good one lands, answered per record
    const good = await send({ records: [record] }, cookie)
    expect(good.status).toBe(200)
    expect(good.body.results[0].id).toBe(record.id)
    expect((await answer(async () => syncRoute.loader())).status).toBe(405)
  })

  test("the day's list: names, pick-up people, a medical flag and never the note; only the organiser's sessions meeting today", async () => {
    const { session, kids, parent, organiser, at } = await campTerm(2)
    await addPickupPerson(parent.id, kids[0].id, { intent: 'add-pickup', name: '李强', relation: '父亲', phone: '13900001234' })
    const list = await doorList(asUser(organiser), [session.id], at('07:50'))
    expect(list).not.toBeNull()
    expect(list!.people.map((p) => [p.name, p.guardian, p.medical, p.pickups.map((x) => x.name)])).toEqual([
      ['李小明0', '王芳', true, ['李强']],
      ['李小雨1', '王芳', false, []],
    ])
    // nothing more leaves the server: no note text, no phone numbers
    expect(JSON.stringify(list)).not.toMatch(/花生|13900001234/)
    // kept on the phone until the day is over
    expect(list!.expiresAt).toEqual(new Date(shanghaiTime(list!.day).getTime() + DAY))
    // the flag came from the health notes: the look is on record
    expect(await db.auditLog.count({ where: { action: 'roster.notes-viewed', entityId: session.id, actorId: organiser.id } })).toBe(1)
    // another department's organiser, or a day the session does not meet: no list
    const stranger = await createUser(db, { role: 'organiser', departmentId: (await createDepartment(db)).id })
    expect(await doorList(asUser(stranger), [session.id], at('07:50'))).toBeNull()
    expect(await doorList(asUser(organiser), [session.id], new Date(at('07:50').getTime() + 5 * DAY))).toBeNull()
    // the route: anonymous 401, a malformed query 400, a session not the organiser's 403
    const get = (query: string, cookie?: string) =>
      answer(
        () =>
          listRoute.loader({
            request: new Request(`http://localhost/organiser/door/list${query}`, { headers: cookie ? { Cookie: cookie } : {} }),
            params: {},
            context: {},
          }) as Promise<Response>,
      )
    expect((await get(`?session=${session.id}`)).status).toBe(401)
    const cookie = await loginCookie(organiser.id)
    expect((await get('', cookie)).status).toBe(400)
    expect((await get('?session=__proto__', cookie)).status).toBe(400)
    expect((await get(`?session=${'c'.repeat(25)}`, cookie)).status).toBe(403)
  })
})
