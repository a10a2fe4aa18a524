import { expect } from 'vitest'
import { attendeeKey, isActiveStatus } from '~/models/booking/constants'
import { db } from '~/utils/db.server'

/** What must hold for a session at rest, whatever happened before. */
export async function expectInvariants(sessionId: string) {
  const session = await db.session.findUniqueOrThrow({ where: { id: sessionId }, include: { quotas: true } })
  const seated = await db.booking.findMany({
    where: { sessionId, status: { in: ['confirmed', 'offered'] } },
    select: { quotaCategory: true },
  })
  expect(seated.length).toBeLessThanOrEqual(session.capacity)
  expect(session.seatsTaken).toBe(seated.length)
  for (const quota of session.quotas) {
    const inQuota = seated.filter((b) => b.quotaCategory === quota.category).length
    expect(quota.seatsTaken).toBe(inQuota)
    expect(inQuota).toBeLessThanOrEqual(quota.capacity)
  }
  // nobody waits while a seat of their category is free — but siblings a lottery waitlisted
  // together (householdId) wait until there is room for all of them
  const waiting = await db.booking.findMany({
    where: { sessionId, status: 'waitlisted' },
    orderBy: { waitlistSeq: 'asc' },
    select: { waitlistSeq: true, quotaCategory: true, householdId: true },
  })
  if (session.quotas.length === 0 && waiting.length > 0) {
    const free = session.capacity - session.seatsTaken
    const sizes = new Map<string | null, number>()
    for (const w of waiting) if (w.householdId) sizes.set(w.householdId, (sizes.get(w.householdId) ?? 0) + 1)
    const alone = waiting.some((w) => !w.householdId)
    if (alone) expect(session.seatsTaken).toBe(session.capacity)
    else expect(free).toBeLessThan(Math.min(...sizes.values()))
  }
  const seqs = waiting.map((w) => w.waitlistSeq)
  expect(new Set(seqs).size).toBe(seqs.length)
  // One active booking per attendee. The unique (sessionId, activeKey) index only holds if
  // activeKey is right, so check it from the booking's own fields: set exactly while the
  // status is active, and naming the booking's attendee. Then count active bookings per person.
  const all = await db.booking.findMany({
    where: { sessionId },
    select: { id: true, status: true, activeKey: true, attendeeUserId: true, childId: true },
  })
  const person = (b: (typeof all)[number]) =>
    attendeeKey(b.childId ? { kind: 'child', childId: b.childId } : { kind: 'self', userId: b.attendeeUserId ?? '' })
  const wrongKeys = all.filter((b) => b.activeKey !== (isActiveStatus(b.status) ? person(b) : null))
  expect(wrongKeys).toEqual([])
  const activePeople = all.filter((b) => isActiveStatus(b.status)).map(person)
  expect(activePeople.length).toBe(new Set(activePeople).size)
}
