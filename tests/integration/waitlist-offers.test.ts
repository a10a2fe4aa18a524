import { describe, expect, test } from 'vitest'
import { bookSession } from '~/models/booking/book-session.server'
import { cancelBooking } from '~/models/booking/cancel-booking.server'
import { acceptOffer, declineOffer, expireOffers } from '~/models/booking/offers.server'
import { db } from '~/utils/db.server'
import { createDepartment, createProgramme, createSession, createUser } from '../factories'
import { testClock } from '../clock'
import { expectInvariants } from './invariants'

const HOUR = 60 * 60 * 1000
const self = (id: string) => [{ kind: 'self' as const, userId: id }]

async function fullSession(mode: 'auto' | 'offer', waiting = 2) {
  const { now } = testClock()
  const dept = await createDepartment(db)
  const programme = await createProgramme(db, dept.id, { waitlistMode: mode, offerHours: 24, cancelDeadlineHours: 24 }, now)
  const session = await createSession(db, programme.id, { capacity: 1 }, now)
  const holder = await createUser(db)
  const queue = []
  await bookSession({ userId: holder.id, sessionId: session.id, attendees: self(holder.id) })
  for (let i = 0; i < waiting; i++) {
    const m = await createUser(db)
    await bookSession({ userId: m.id, sessionId: session.id, attendees: self(m.id) })
    queue.push(m)
  }
  const holding = await db.booking.findFirstOrThrow({ where: { bookerId: holder.id } })
  return { session, holder, holding, queue }
}

const statusOf = async (userId: string) => (await db.booking.findFirstOrThrow({ where: { bookerId: userId } })).status

describe('waitlist', () => {
  test('auto mode: a cancellation confirms the first in line in the same transaction', async () => {
    const { session, holder, holding, queue } = await fullSession('auto')
    expect(await cancelBooking({ bookingId: holding.id, userId: holder.id })).toMatchObject({ ok: true })
    expect(await statusOf(queue[0].id)).toBe('confirmed')
    expect(await statusOf(queue[1].id)).toBe('waitlisted')
    const mails = await db.outboxMessage.findMany({ where: { toEmail: queue[0].email }, orderBy: { createdAt: 'asc' } })
    expect(mails.map((m) => m.kind)).toEqual(['waitlisted', 'promoted'])
    await expectInvariants(session.id)
  })

  test('offer mode: offer → expiry → next person offered', async () => {
    const { session, holder, holding, queue } = await fullSession('offer')
    const t0 = new Date()
    await cancelBooking({ bookingId: holding.id, userId: holder.id, now: t0 })
    const offer = await db.booking.findFirstOrThrow({ where: { bookerId: queue[0].id } })
    expect(offer.status).toBe('offered')
    expect(offer.offerExpiresAt?.getTime()).toBe(t0.getTime() + 24 * HOUR)
    await expectInvariants(session.id)

    expect(await expireOffers(new Date(t0.getTime() + 23 * HOUR))).toBe(0)
    expect(await expireOffers(new Date(t0.getTime() + 24 * HOUR))).toBe(1)
    expect(await statusOf(queue[0].id)).toBe('expired')
    expect(await statusOf(queue[1].id)).toBe('offered')
    await expectInvariants(session.id)
  })

  test('accept just before the deadline wins; just after loses', async () => {
    const { holder, holding, queue } = await fullSession('offer')
    const t0 = new Date()
    await cancelBooking({ bookingId: holding.id, userId: holder.id, now: t0 })
    const offer = await db.booking.findFirstOrThrow({ where: { bookerId: queue[0].id } })
    const deadline = offer.offerExpiresAt!.getTime()
    expect(await acceptOffer({ bookingId: offer.id, userId: queue[0].id, now: new Date(deadline) })).toEqual({
      ok: false,
      error: 'booking.offerGone',
    })
    expect(await acceptOffer({ bookingId: offer.id, userId: queue[0].id, now: new Date(deadline - 1) })).toEqual({ ok: true })
    expect(await statusOf(queue[0].id)).toBe('confirmed')
    // an accepted offer is no longer expirable
    expect(await expireOffers(new Date(deadline + HOUR))).toBe(0)
  })

  test('declining passes the seat on; leaving the waitlist frees no seat', async () => {
    const { session, holder, holding, queue } = await fullSession('offer', 3)
    await cancelBooking({ bookingId: holding.id, userId: holder.id })
    const offer = await db.booking.findFirstOrThrow({ where: { bookerId: queue[0].id } })
    const third = await db.booking.findFirstOrThrow({ where: { bookerId: queue[2].id } })
    expect(await cancelBooking({ bookingId: third.id, userId: queue[2].id })).toMatchObject({ ok: true })
    expect(await declineOffer({ bookingId: offer.id, userId: queue[0].id })).toEqual({ ok: true })
    expect(await statusOf(queue[1].id)).toBe('offered')
    expect(await statusOf(queue[2].id)).toBe('cancelled')
    await expectInvariants(session.id)
  })

  test('two job runners expiring at once: each offer expires once, one next offer', async () => {
    const { session, holder, holding, queue } = await fullSession('offer', 3)
    const t0 = new Date()
    await cancelBooking({ bookingId: holding.id, userId: holder.id, now: t0 })
    const later = new Date(t0.getTime() + 25 * HOUR)
    const [a, b] = await Promise.all([expireOffers(later), expireOffers(later)])
    expect(a + b).toBe(1)
    expect(await db.booking.count({ where: { sessionId: session.id, status: 'offered' } })).toBe(1)
    expect(await db.outboxMessage.count({ where: { kind: 'offer-expired' } })).toBe(1)
    expect(await statusOf(queue[1].id)).toBe('offered')
    await expectInvariants(session.id)
  })

  test('promotion re-checks the quota: a person who no longer fits is skipped, not misplaced', async () => {
    const { now } = testClock()
    const dept = await createDepartment(db)
    const programme = await createProgramme(db, dept.id, { kind: 'social' }, now)
    const session = await createSession(
      db,
      programme.id,
      {
        capacity: 2,
        quotas: [
          { category: 'female', capacity: 1 },
          { category: 'male', capacity: 1 },
        ],
      },
      now,
    )
    const [w1, w2, m1, w3] = await Promise.all([
      createUser(db, { gender: 'female' }),
      createUser(db, { gender: 'female' }),
      createUser(db, { gender: 'male' }),
      createUser(db, { gender: 'female' }),
    ])
    for (const u of [w1, m1, w2, w3]) await bookSession({ userId: u.id, sessionId: session.id, attendees: self(u.id) })
    // w2 (first in line) changes her profile to male: the male quota is full, so she must be skipped
    await db.user.update({ where: { id: w2.id }, data: { gender: 'male' } })
    const w1Booking = await db.booking.findFirstOrThrow({ where: { bookerId: w1.id } })
    await cancelBooking({ bookingId: w1Booking.id, userId: w1.id })
    expect(await statusOf(w2.id)).toBe('waitlisted')
    expect(await statusOf(w3.id)).toBe('confirmed')
    await expectInvariants(session.id)
  })

  test('after the cancellation deadline a confirmed booking stays, with the reason', async () => {
    const { now } = testClock()
    const dept = await createDepartment(db)
    const programme = await createProgramme(db, dept.id, { cancelDeadlineHours: 48, contactPhone: '0515-1234567' }, now)
    const session = await createSession(db, programme.id, { startsAt: new Date(now.getTime() + 47 * HOUR) }, now)
    const m = await createUser(db)
    const [o] = await bookSession({ userId: m.id, sessionId: session.id, attendees: self(m.id) })
    const bookingId = 'bookingId' in o ? o.bookingId : ''
    expect(await cancelBooking({ bookingId, userId: m.id })).toMatchObject({
      ok: false,
      error: 'booking.deadlinePassed',
      phone: '0515-1234567',
    })
    expect(await statusOf(m.id)).toBe('confirmed')
    // and nobody else can cancel it
    const other = await createUser(db)
    expect(await cancelBooking({ bookingId, userId: other.id })).toEqual({ ok: false, error: 'booking.notFound' })
  })
})
