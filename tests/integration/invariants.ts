import { expect } from 'vitest'
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
  // nobody waits while a seat of their category is free
  const waiting = await db.booking.findMany({
    where: { sessionId, status: 'waitlisted' },
    orderBy: { waitlistSeq: 'asc' },
    select: { waitlistSeq: true, quotaCategory: true },
  })
  if (session.quotas.length === 0 && waiting.length > 0) expect(session.seatsTaken).toBe(session.capacity)
  const seqs = waiting.map((w) => w.waitlistSeq)
  expect(new Set(seqs).size).toBe(seqs.length)
  // one active booking per attendee
  const active = await db.booking.groupBy({
    by: ['activeKey'],
    where: { sessionId, activeKey: { not: null } },
    _count: true,
  })
  expect(active.every((a) => a._count === 1)).toBe(true)
}
