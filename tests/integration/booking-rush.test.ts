import { describe, expect, test } from 'vitest'
import { bookSession } from '~/models/booking/book-session.server'
import { cancelBooking } from '~/models/booking/cancel-booking.server'
import { db } from '~/utils/db.server'
import { createChild, createDepartment, createProgramme, createSession, createUser } from '../factories'
import { testClock } from '../clock'
import { expectInvariants } from './invariants'

async function rushSetup(options: { capacity: number; members: number; quotas?: boolean }) {
  const { now } = testClock()
  const dept = await createDepartment(db)
  const programme = await createProgramme(db, dept.id, { kind: 'social' }, now)
  const session = await createSession(
    db,
    programme.id,
    {
      capacity: options.capacity,
      quotas: options.quotas
        ? [
            { category: 'female', capacity: options.capacity / 2 },
            { category: 'male', capacity: options.capacity / 2 },
          ]
        : undefined,
    },
    now,
  )
  const members = await Promise.all(
    Array.from({ length: options.members }, (_, i) => createUser(db, { gender: i % 3 === 0 ? 'male' : 'female' })),
  )
  return { session, members }
}

describe('booking under a rush', () => {
  test('200 members at once for 20 seats: exactly 20 confirmed, 180 waitlisted in arrival order', async () => {
    const { session, members } = await rushSetup({ capacity: 20, members: 200 })
    const results = await Promise.allSettled(
      members.map((m) => bookSession({ userId: m.id, sessionId: session.id, attendees: [{ kind: 'self', userId: m.id }] })),
    )
    expect(results.filter((r) => r.status === 'rejected')).toEqual([])
    const outcomes = results.flatMap((r) => (r.status === 'fulfilled' ? r.value : []))
    expect(outcomes.filter((o) => o.result === 'confirmed')).toHaveLength(20)
    expect(outcomes.filter((o) => o.result === 'waitlisted')).toHaveLength(180)

    const waitlist = await db.booking.findMany({
      where: { sessionId: session.id, status: 'waitlisted' },
      orderBy: { waitlistSeq: 'asc' },
      select: { waitlistSeq: true, createdAt: true },
    })
    // the queue numbers are 1..180 without gaps or repeats: arrival order is total
    expect(waitlist.map((w) => w.waitlistSeq)).toEqual(Array.from({ length: 180 }, (_, i) => i + 1))
    // and each member was told their real place in that order: the position returned is the
    // booking's rank in the queue (nobody has left it)
    const told = outcomes.flatMap((o) => (o.result === 'waitlisted' ? [{ position: o.position, seq: o.waitlistSeq }] : []))
    expect(told.map((t) => t.position).sort((x, y) => x! - y!)).toEqual(Array.from({ length: 180 }, (_, i) => i + 1))
    for (const t of told) expect(t.position).toBe(t.seq)
    await expectInvariants(session.id)
  })

  test('the same rush with 10 women / 10 men quotas: no quota exceeded', async () => {
    const { session, members } = await rushSetup({ capacity: 20, members: 200, quotas: true })
    await Promise.all(members.map((m) => bookSession({ userId: m.id, sessionId: session.id, attendees: [{ kind: 'self', userId: m.id }] })))
    const confirmed = await db.booking.groupBy({
      by: ['quotaCategory'],
      where: { sessionId: session.id, status: 'confirmed' },
      _count: true,
    })
    expect(Object.fromEntries(confirmed.map((c) => [c.quotaCategory, c._count]))).toEqual({ female: 10, male: 10 })
    await expectInvariants(session.id)
  })

  test('a double submit returns the existing booking, never a second one', async () => {
    const { session, members } = await rushSetup({ capacity: 5, members: 1 })
    const me = members[0]
    const attempts = await Promise.all(
      Array.from({ length: 10 }, () => bookSession({ userId: me.id, sessionId: session.id, attendees: [{ kind: 'self', userId: me.id }] })),
    )
    const ids = new Set(attempts.flat().map((o) => ('bookingId' in o ? o.bookingId : null)))
    expect(ids.size).toBe(1)
    expect(await db.booking.count({ where: { sessionId: session.id } })).toBe(1)
    await expectInvariants(session.id)
  })

  test('a parent’s form again with one more child: the two booked are returned as they are, the third is booked', async () => {
    const { now } = testClock()
    const dept = await createDepartment(db)
    const programme = await createProgramme(db, dept.id, { audience: 'child', kind: 'camp', minAge: 3, maxAge: 14 }, now)
    const session = await createSession(db, programme.id, { capacity: 2 }, now)
    const parent = await createUser(db)
    const children = [await createChild(db, parent.id), await createChild(db, parent.id), await createChild(db, parent.id)]
    const attendees = children.map((c) => ({ kind: 'child' as const, childId: c.id }))
    const first = await bookSession({ userId: parent.id, sessionId: session.id, attendees: attendees.slice(0, 2) })
    expect(first.map((o) => [o.result, 'existing' in o && o.existing])).toEqual([
      ['confirmed', false],
      ['confirmed', false],
    ])
    const again = await bookSession({ userId: parent.id, sessionId: session.id, attendees: [attendees[2], attendees[1], attendees[0]] })
    expect(again.map((o) => [o.result, 'existing' in o && o.existing, 'bookingId' in o && o.bookingId])).toEqual([
      ['waitlisted', false, expect.any(String)],
      ['confirmed', true, 'bookingId' in first[1] && first[1].bookingId],
      ['confirmed', true, 'bookingId' in first[0] && first[0].bookingId],
    ])
    expect(await db.booking.count({ where: { sessionId: session.id } })).toBe(3)
    await expectInvariants(session.id)
  })

  test('cancellations and bookings interleaved: invariants hold and the queue is served in order', async () => {
    const { session, members } = await rushSetup({ capacity: 10, members: 60 })
    const first = members.slice(0, 30)
    const outcomes = (
      await Promise.all(first.map((m) => bookSession({ userId: m.id, sessionId: session.id, attendees: [{ kind: 'self', userId: m.id }] })))
    ).flat()
    const confirmed = outcomes.filter((o) => o.result === 'confirmed')
    await Promise.all([
      ...confirmed
        .slice(0, 6)
        .map((o) => cancelBooking({ bookingId: 'bookingId' in o ? o.bookingId : '', userId: (o.attendee as { userId: string }).userId })),
      ...members.slice(30).map((m) => bookSession({ userId: m.id, sessionId: session.id, attendees: [{ kind: 'self', userId: m.id }] })),
    ])
    await expectInvariants(session.id)
    expect(await db.booking.count({ where: { sessionId: session.id, status: 'confirmed' } })).toBe(10)
    // served in order: everyone who got a seat from the queue joined it before everyone still in it
    const queued = await db.booking.findMany({
      where: { sessionId: session.id, waitlistSeq: { not: null } },
      select: { status: true, waitlistSeq: true },
    })
    const served = queued.filter((b) => b.status === 'confirmed').map((b) => b.waitlistSeq!)
    const waiting = queued.filter((b) => b.status === 'waitlisted').map((b) => b.waitlistSeq!)
    expect(served.length).toBeGreaterThan(0)
    expect(Math.max(...served)).toBeLessThan(Math.min(...waiting))
  })
})
