import type { BookingStatus } from '~/models/booking/constants'
import { z } from 'zod'
import { ALLOCATIONS, AUDIENCES, PRIORITY_TIERS, PROGRAMME_KINDS, WAITLIST_MODES } from '~/models/programme/constants'
import {
  clockTime as clock,
  isRealDay,
  optionalText,
  optionalWholeNumber as optionalInt,
  requiredText,
  wholeNumber as int,
} from '~/utils/validation'

/** <input type="datetime-local"> in Shanghai wall time → instant */
export const localDateTime = z
  .string({ required_error: 'errors.required' })
  .regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, 'errors.date')
  .refine((s) => isRealDay(s.slice(0, 10)), 'errors.date')
  .transform((s) => new Date(`${s}:00+08:00`))
  .refine((d) => !Number.isNaN(d.getTime()), 'errors.date')
const day = z.string({ required_error: 'errors.required' }).refine(isRealDay, 'errors.date')
const slug = z
  .string({ required_error: 'errors.required' })
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{2,60}$/, 'errors.slug')

export const programmeSchema = z
  .object({
    slug,
    kind: z.enum(PROGRAMME_KINDS, { errorMap: () => ({ message: 'errors.invalid' }) }),
    titleZh: requiredText(120),
    titleEn: requiredText(160),
    summaryZh: requiredText(200),
    summaryEn: requiredText(300),
    descriptionZh: requiredText(5000),
    descriptionEn: requiredText(8000),
    audience: z.enum(AUDIENCES, { errorMap: () => ({ message: 'errors.invalid' }) }),
    minAge: optionalInt(0, 120),
    maxAge: optionalInt(0, 120),
    membersOnly: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
    bookingOpensAt: localDateTime,
    bookingClosesAt: localDateTime,
    cancelDeadlineHours: int(0, 24 * 60),
    waitlistMode: z.enum(WAITLIST_MODES, { errorMap: () => ({ message: 'errors.invalid' }) }),
    offerHours: int(1, 24 * 14),
    perBookerLimit: optionalInt(1, 20),
    contactPhone: optionalText(30),
    allocation: z.enum(ALLOCATIONS, { errorMap: () => ({ message: 'errors.invalid' }) }).default('first-come'),
    drawAt: z.preprocess((v) => (v === '' ? undefined : v), localDateTime.optional()),
    // the public random value a lottery mixes in, and its fallback (docs/decisions/0015-lottery.md)
    drawSource: z.string().trim().max(300, 'errors.tooLong').default(''),
    drawFallback: z.string().trim().max(300, 'errors.tooLong').default(''),
    priorityTiers: z.preprocess(
      (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
      z.array(z.enum(PRIORITY_TIERS, { errorMap: () => ({ message: 'errors.invalid' }) })).max(PRIORITY_TIERS.length),
    ),
    // youth socials: a mutual-choice round (互选) at the event, and how many numbers each may choose
    mutualChoice: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
    mutualChoiceMax: optionalInt(1, 10),
    // courses: completion by meetings attended, or by a percentage of them
    completionMeetings: optionalInt(1, 1000),
    completionPercent: optionalInt(1, 100),
  })
  .refine((p) => p.minAge === undefined || p.maxAge === undefined || p.minAge <= p.maxAge, {
    path: ['maxAge'],
    message: 'errors.agesReversed',
  })
  .refine((p) => p.bookingClosesAt > p.bookingOpensAt, { path: ['bookingClosesAt'], message: 'errors.endBeforeStart' })
  // a lottery is drawn at a set time, after its application window has closed
  .refine((p) => p.allocation !== 'lottery' || (p.drawAt !== undefined && p.drawAt >= p.bookingClosesAt), {
    path: ['drawAt'],
    message: 'errors.drawAt',
  })
  .refine((p) => p.allocation !== 'lottery' || p.drawSource !== '', { path: ['drawSource'], message: 'errors.required' })
  .refine((p) => p.allocation !== 'lottery' || p.drawFallback !== '', { path: ['drawFallback'], message: 'errors.required' })
export type ProgrammeInput = z.infer<typeof programmeSchema>

const quotas = {
  femaleQuota: optionalInt(0, 10_000),
  maleQuota: optionalInt(0, 10_000),
}
const place = { placeZh: requiredText(200), placeEn: requiredText(300) }

export const singleSessionSchema = z
  .object({ startsAt: localDateTime, endsAt: localDateTime, capacity: int(1, 10_000), ...place, ...quotas })
  .refine((s) => s.endsAt > s.startsAt, { path: ['endsAt'], message: 'errors.endBeforeStart' })
  .refine((s) => (s.femaleQuota ?? 0) + (s.maleQuota ?? 0) <= s.capacity, { path: ['maleQuota'], message: 'errors.quotaOverCapacity' })

export const termSchema = z
  .object({
    firstDay: day,
    lastDay: day,
    weekdays: z.array(z.enum(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'])).min(1, 'errors.weekdays'),
    dailyStart: clock,
    dailyEnd: clock,
    excludedDates: z
      .string()
      .trim()
      .optional()
      .refine(
        (v) =>
          !v ||
          v
            .split(/[\s,]+/)
            .filter(Boolean)
            .every(isRealDay),
        'errors.excludedDates',
      ),
    capacity: int(1, 10_000),
    ...place,
  })
  .refine((t) => t.lastDay >= t.firstDay, { path: ['lastDay'], message: 'errors.endBeforeStart' })
  .refine((t) => t.dailyEnd > t.dailyStart, { path: ['dailyEnd'], message: 'errors.endBeforeStart' })

export const slotsSchema = z
  .object({
    days: z
      .string({ required_error: 'errors.required' })
      .trim()
      .refine(
        (v) =>
          v
            .split(/[\s,]+/)
            .filter(Boolean)
            .every(isRealDay),
        'errors.excludedDates',
      ),
    from: clock,
    until: clock,
    slotMinutes: int(5, 480),
    placesPerSlot: int(1, 1000),
    ...place,
  })
  .refine((s) => s.until > s.from, { path: ['until'], message: 'errors.endBeforeStart' })

export const capacitySchema = z.object({ capacity: int(0, 10_000) })
export const quotasSchema = z.object(quotas)
export const rescheduleSchema = z
  .object({ startsAt: localDateTime, endsAt: localDateTime, ...place })
  .refine((s) => s.endsAt > s.startsAt, { path: ['endsAt'], message: 'errors.endBeforeStart' })
export const reasonSchema = z.object({ reason: requiredText(500) })
export const messageSchema = z.object({
  audience: z.enum(['booked', 'waitlist']),
  subject: requiredText(120),
  body: requiredText(4000),
})
/** The statuses a roster can be filtered by (the others are counted, not listed apart). */
export const ROSTER_FILTERS = ['confirmed', 'offered', 'waitlisted', 'cancelled'] as const satisfies readonly BookingStatus[]

export const rosterQuerySchema = z.object({
  status: z.preprocess((v) => (v === '' ? undefined : v), z.enum(ROSTER_FILTERS).optional()),
  q: z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().max(50).optional()),
  // the print view: the roster without controls, for the browser's Print
  print: z.enum(['1']).optional(),
  // the register's day (YYYY-MM-DD); by default today, or the next meeting day
  day: z.preprocess((v) => (v === '' ? undefined : v), day.optional()),
})

/** The day a register is about: a real calendar day (YYYY-MM-DD). */
export const registerDay = day

/** The roster's and the door's attendance forms. */
export const arrivalSchema = z.object({
  bookingId: z.string().regex(/^[a-z0-9]{20,32}$/i),
  day: day.optional(),
  override: z.enum(['true']).optional(),
})
/** Who collects (the same fields on the roster, at the door and in the door's synced records). */
const collectorFields = {
  // the guardian, a person from the guardian's list ("p:<id>"), or someone else (with a reason)
  collector: z.string().regex(/^(guardian|other|p:[a-z0-9]{20,32})$/i, 'attendance.chooseCollector'),
  otherName: optionalText(50),
  reason: optionalText(200),
}
function checkOtherCollector(v: { collector?: string; otherName?: string; reason?: string }, ctx: z.RefinementCtx) {
  if (v.collector !== 'other') return
  if (!v.otherName) ctx.addIssue({ code: 'custom', path: ['otherName'], message: 'errors.required' })
  if (!v.reason || v.reason.length < 4) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'attendance.overrideReason' })
}

export const pickupSchema = z
  .object({ bookingId: z.string().regex(/^[a-z0-9]{20,32}$/i), day: day.optional(), ...collectorFields })
  .superRefine(checkOtherCollector)
export type PickupInput = z.infer<typeof pickupSchema>

export function collectorOf(input: Pick<PickupInput, 'collector' | 'otherName' | 'reason'>) {
  if (input.collector === 'guardian') return { kind: 'guardian' } as const
  if (input.collector === 'other') return { kind: 'other', name: input.otherName ?? '', reason: input.reason ?? '' } as const
  return { kind: 'listed', pickupPersonId: input.collector.slice(2) } as const
}

/** The most records one sync request may carry (a door's morning is well under it). */
export const DOOR_BATCH_MAX = 500
const cuid = z.string().regex(/^[a-z0-9]{20,32}$/i)

/**
 * One record made at the door, as the phone queued it: its own id (a UUID made on the phone),
 * the phone's time, and for a pick-up who collected — the roster's pick-up fields.
 */
export const doorRecordSchema = z
  .object({
    id: z.string().uuid(),
    kind: z.enum(['arrival', 'pickup']),
    bookingId: cuid,
    sessionId: cuid,
    at: z.string().datetime({ offset: true }).pipe(z.coerce.date()),
    collector: collectorFields.collector.optional(),
    otherName: collectorFields.otherName,
    reason: collectorFields.reason,
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'pickup' && !v.collector) ctx.addIssue({ code: 'custom', path: ['collector'], message: 'attendance.chooseCollector' })
    checkOtherCollector(v, ctx)
  })
export type DoorRecordInput = z.infer<typeof doorRecordSchema>

export const doorBatchSchema = z.object({ records: z.array(doorRecordSchema).min(1).max(DOOR_BATCH_MAX) })
