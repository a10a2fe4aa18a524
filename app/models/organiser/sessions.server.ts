import { writeAudit } from '~/models/audit/audit.server'
import { promoteFromWaitlist } from '~/models/booking/waitlist.server'
import { weekdayOf } from '~/models/programme/recurrence'
import { db } from '~/utils/db.server'
import { addDays, shanghaiTime } from '~/utils/time'
import type { z } from 'zod'
import type { singleSessionSchema, slotsSchema, termSchema } from './schemas'
import { planSlots, splitDays } from './slots'

type Result = { ok: true; count: number } | { ok: false; error: string }
type Slot = { startsAt: Date; endsAt: Date }

/** Slots may not start in the past nor overlap each other or the programme's sessions. */
async function checkSlots(programmeId: string, slots: Slot[], now: Date): Promise<string | null> {
  if (slots.length === 0) return 'errors.noSlots'
  if (slots.some((s) => s.startsAt <= now)) return 'errors.inThePast'
  const sorted = [...slots].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
  if (sorted.some((s, i) => i > 0 && s.startsAt < sorted[i - 1].endsAt)) return 'errors.overlap'
  const clash = await db.session.findFirst({
    where: {
      programmeId,
      status: 'scheduled',
      OR: slots.map((s) => ({ startsAt: { lt: s.endsAt }, endsAt: { gt: s.startsAt } })),
    },
    select: { id: true },
  })
  return clash ? 'errors.overlap' : null
}

export async function addSession(
  programmeId: string,
  input: z.infer<typeof singleSessionSchema>,
  actorId: string,
  now = new Date(),
): Promise<Result> {
  const error = await checkSlots(programmeId, [input], now)
  if (error) return { ok: false, error }
  const quotas = [
    ...(input.femaleQuota ? [{ category: 'female', capacity: input.femaleQuota }] : []),
    ...(input.maleQuota ? [{ category: 'male', capacity: input.maleQuota }] : []),
  ]
  await db.$transaction(async (tx) => {
    const session = await tx.session.create({
      data: {
        programmeId,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        capacity: input.capacity,
        placeZh: input.placeZh,
        placeEn: input.placeEn,
        quotas: quotas.length ? { create: quotas } : undefined,
      },
      select: { id: true },
    })
    await writeAudit(tx, { actorId, action: 'session.added', entity: 'Programme', entityId: programmeId, data: { sessionId: session.id } })
  })
  return { ok: true, count: 1 }
}

/** A camp term: one session meeting on the chosen weekdays from the first to the last day. */
export async function addTerm(programmeId: string, input: z.infer<typeof termSchema>, actorId: string, now = new Date()): Promise<Result> {
  let first = input.firstDay
  for (let i = 0; i < 7 && !input.weekdays.includes(weekdayOf(first) as never); i++) {
    first = addDays(first, 1)
  }
  if (first > input.lastDay) return { ok: false, error: 'errors.noSlots' }
  const slot = { startsAt: shanghaiTime(first, input.dailyStart), endsAt: shanghaiTime(first, input.dailyEnd) }
  const error = await checkSlots(programmeId, [slot], now)
  if (error) return { ok: false, error }
  await db.$transaction(async (tx) => {
    const session = await tx.session.create({
      data: {
        programmeId,
        ...slot,
        repeatDays: input.weekdays.join(','),
        repeatUntil: shanghaiTime(input.lastDay, input.dailyEnd),
        excludedDates: splitDays(input.excludedDates).join(',') || null,
        capacity: input.capacity,
        placeZh: input.placeZh,
        placeEn: input.placeEn,
      },
      select: { id: true },
    })
    await writeAudit(tx, {
      actorId,
      action: 'session.term-added',
      entity: 'Programme',
      entityId: programmeId,
      data: { sessionId: session.id },
    })
  })
  return { ok: true, count: 1 }
}

export function previewSlots(input: z.infer<typeof slotsSchema>) {
  return planSlots({ days: splitDays(input.days), from: input.from, until: input.until, slotMinutes: input.slotMinutes })
}

export async function addSlots(
  programmeId: string,
  input: z.infer<typeof slotsSchema>,
  actorId: string,
  now = new Date(),
): Promise<Result> {
  const slots = previewSlots(input)
  const error = await checkSlots(programmeId, slots, now)
  if (error) return { ok: false, error }
  await db.$transaction(async (tx) => {
    await tx.session.createMany({
      data: slots.map((s) => ({ programmeId, ...s, capacity: input.placesPerSlot, placeZh: input.placeZh, placeEn: input.placeEn })),
    })
    await writeAudit(tx, {
      actorId,
      action: 'session.slots-added',
      entity: 'Programme',
      entityId: programmeId,
      data: { count: slots.length },
    })
  })
  return { ok: true, count: slots.length }
}

/**
 * Raise or lower a session's capacity. Lowering below the seats already held is refused (the
 * conditional update finds no row); raising serves the waitlist in the same transaction.
 */
export async function changeCapacity(sessionId: string, capacity: number, actorId: string, now = new Date()) {
  return db.$transaction(async (tx) => {
    const changed = await tx.session.updateMany({
      where: { id: sessionId, status: 'scheduled', seatsTaken: { lte: capacity } },
      data: { capacity },
    })
    if (changed.count === 0) return { ok: false, error: 'errors.capacityBelowBooked' } as const
    const promoted = await promoteFromWaitlist(tx, sessionId, now, actorId)
    await writeAudit(tx, {
      actorId,
      action: 'session.capacity-changed',
      entity: 'Session',
      entityId: sessionId,
      data: { capacity, promoted: promoted.length },
    })
    return { ok: true, promoted: promoted.length } as const
  })
}

/**
 * Change the per-gender places of a session. Lowering one below the seats it already holds
 * is refused; raising one serves the waitlist. Adding or dropping a category is only allowed
 * while nobody is booked (existing bookings were counted against the old split).
 */
export async function changeQuotas(sessionId: string, quotas: { female?: number; male?: number }, actorId: string, now = new Date()) {
  return db
    .$transaction(async (tx) => {
      const session = await tx.session.findUniqueOrThrow({ where: { id: sessionId }, include: { quotas: true } })
      const wanted = Object.entries(quotas).filter(([, v]) => v !== undefined) as [string, number][]
      if (wanted.reduce((sum, [, v]) => sum + v, 0) > session.capacity) return { ok: false, error: 'errors.quotaOverCapacity' } as const
      const sameCategories = wanted.length === session.quotas.length && wanted.every(([c]) => session.quotas.some((q) => q.category === c))
      if (!sameCategories) {
        const active = await tx.booking.count({ where: { sessionId, activeKey: { not: null } } })
        if (active > 0) return { ok: false, error: 'errors.quotaCategoriesLocked' } as const
        await tx.quota.deleteMany({ where: { sessionId } })
        if (wanted.length) await tx.quota.createMany({ data: wanted.map(([category, capacity]) => ({ sessionId, category, capacity })) })
      } else {
        for (const [category, capacity] of wanted) {
          const changed = await tx.quota.updateMany({ where: { sessionId, category, seatsTaken: { lte: capacity } }, data: { capacity } })
          if (changed.count === 0) throw new QuotaBelowBooked()
        }
      }
      const promoted = await promoteFromWaitlist(tx, sessionId, now, actorId)
      await writeAudit(tx, {
        actorId,
        action: 'session.quotas-changed',
        entity: 'Session',
        entityId: sessionId,
        data: { ...quotas, promoted: promoted.length },
      })
      return { ok: true, promoted: promoted.length } as const
    })
    .catch((error) => {
      if (error instanceof QuotaBelowBooked) return { ok: false, error: 'errors.capacityBelowBooked' } as const
      throw error
    })
}

class QuotaBelowBooked extends Error {}
