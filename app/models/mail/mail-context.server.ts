import { UNSENT_STATUSES } from '~/models/outbox/outbox.server'
import { z } from 'zod'
import type { Tx } from '~/utils/db.server'
import { bookingEventInclude } from './booking-event.server'

/**
 * Everything composing a booking's mail reads from the database, as a plain value. An outbox
 * row normally reads it live (the booking as it is when the mail goes out); when the booking
 * is about to disappear (a child's ended bookings go with the child) the rows still waiting
 * keep a copy, so the message can still be built — and the copy is dropped once it is sent.
 */
const date = z.coerce.date()
export const mailContextSchema = z.object({
  id: z.string(),
  icalUid: z.string(),
  icalSequence: z.number().int(),
  waitlistSeq: z.number().int().nullable(),
  booker: z.object({ name: z.string(), email: z.string() }),
  child: z.object({ name: z.string() }).nullable(),
  attendeeUser: z.object({ name: z.string() }).nullable(),
  session: z.object({
    id: z.string(),
    startsAt: date,
    endsAt: date,
    repeatDays: z.string().nullable(),
    repeatUntil: date.nullable(),
    excludedDates: z.string().nullable(),
    placeZh: z.string(),
    placeEn: z.string(),
    programme: z.object({
      titleZh: z.string(),
      titleEn: z.string(),
      summaryZh: z.string(),
      summaryEn: z.string(),
      contactPhone: z.string().nullable(),
      prepareZh: z.string().default(''),
      prepareEn: z.string().default(''),
      department: z.object({ nameZh: z.string(), nameEn: z.string(), email: z.string(), phone: z.string().nullable() }),
    }),
  }),
})
export type MailContext = z.infer<typeof mailContextSchema>

/** What the payload of an outbox row may say beyond its booking; zod-checked when read. */
export const mailPayloadSchema = z.object({
  invite: z.object({ method: z.enum(['REQUEST', 'CANCEL']), sequence: z.number().int().min(0) }).optional(),
  offerExpiresAt: z.string().datetime().optional(),
  reason: z.string().optional(),
  subject: z.string().optional(),
  body: z.string().optional(),
  context: mailContextSchema.optional(),
  // the draw that gave this place or waitlist number (app/models/lottery/run.server.ts)
  lottery: z
    .object({ slug: z.string(), choice: z.number().int().min(1).optional(), waitlistNo: z.number().int().min(1).optional() })
    .optional(),
  // a child collected from a camp day (app/models/attendance): by whom, when
  collected: z.object({ by: z.string(), at: z.string().datetime() }).optional(),
  // a reminder (app/models/reminders): of the meeting on this Shanghai day
  reminder: z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }).optional(),
  // account mail: the one-time link's row (never its secret), or the address changed to
  tokenId: z.string().optional(),
  newEmail: z.string().optional(),
  recipientName: z.string().optional(),
})
export type MailPayload = z.infer<typeof mailPayloadSchema>

export function parsePayload(text: string) {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return mailPayloadSchema.safeParse(undefined)
  }
  return mailPayloadSchema.safeParse(json)
}

/**
 * Before bookings are deleted: every message about them not yet sent keeps its context in
 * its payload (same transaction as the delete, so no message is left without either).
 */
export async function keepUnsentMailBuildable(tx: Tx, bookingIds: string[]) {
  if (bookingIds.length === 0) return
  const waiting = await tx.outboxMessage.findMany({
    where: { bookingId: { in: bookingIds }, status: { in: [...UNSENT_STATUSES] } },
    select: { id: true, bookingId: true, payload: true },
  })
  if (waiting.length === 0) return
  const bookings = await tx.booking.findMany({ where: { id: { in: bookingIds } }, include: bookingEventInclude })
  for (const message of waiting) {
    const booking = bookings.find((b) => b.id === message.bookingId)
    if (!booking) continue
    const payload = parsePayload(message.payload)
    if (!payload.success) continue // unbuildable anyway: the worker parks it with the reason
    // parse picks exactly the fields above out of the booking
    const context = mailContextSchema.parse(booking)
    await tx.outboxMessage.update({ where: { id: message.id }, data: { payload: JSON.stringify({ ...payload.data, context }) } })
  }
}
