import { writeAudit } from '~/models/audit/audit.server'
import { createSessionsWithPlaces, createSessionWithPlaces } from '~/models/booking/capacity.server'
import { weekdayOf } from '~/models/programme/recurrence'
import { db, write } from '~/utils/db.server'
import { addDays, shanghaiTime } from '~/utils/time'
import type { z } from 'zod'
import type { singleSessionSchema, slotsSchema, termSchema } from './schemas'
import { planSlots, splitDays } from './slots'
import type { MessageKey } from '~/models/result'

type Result = { ok: true; count: number } | { ok: false; error: MessageKey }
type Slot = { startsAt: Date; endsAt: Date }

/** Slots may not start in the past nor overlap each other or the programme's sessions. */
async function checkSlots(programmeId: string, slots: Slot[], now: Date): Promise<MessageKey | null> {
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
  await write(async (tx) => {
    const session = await createSessionWithPlaces(
      tx,
      {
        programmeId,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        capacity: input.capacity,
        placeZh: input.placeZh,
        placeEn: input.placeEn,
      },
      quotas,
    )
    await writeAudit(tx, { actorId, action: 'session.added', entity: 'Programme', entityId: programmeId, data: { sessionId: session.id } })
  })
  return { ok: true, count: 1 }
}

/** A camp term: one session meeting on the chosen weekdays from the first to the last day. */
export async function addTerm(programmeId: string, input: z.infer<typeof termSchema>, actorId: string, now = new Date()): Promise<Result> {
  let first = input.firstDay
  for (let i = 0; i < 7 && !input.weekdays.some((day) => day === weekdayOf(first)); i++) {
    first = addDays(first, 1)
  }
  if (first > input.lastDay) return { ok: false, error: 'errors.noSlots' }
  const slot = { startsAt: shanghaiTime(first, input.dailyStart), endsAt: shanghaiTime(first, input.dailyEnd) }
  const error = await checkSlots(programmeId, [slot], now)
  if (error) return { ok: false, error }
  await write(async (tx) => {
    const session = await createSessionWithPlaces(tx, {
      programmeId,
      ...slot,
      repeatDays: input.weekdays.join(','),
      repeatUntil: shanghaiTime(input.lastDay, input.dailyEnd),
      excludedDates: splitDays(input.excludedDates).join(',') || null,
      capacity: input.capacity,
      placeZh: input.placeZh,
      placeEn: input.placeEn,
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
  await write(async (tx) => {
    await createSessionsWithPlaces(
      tx,
      slots.map((s) => ({ programmeId, ...s, capacity: input.placesPerSlot, placeZh: input.placeZh, placeEn: input.placeEn })),
    )
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
