import { auditRows } from '~/models/audit/audit.server'
import { mailRows } from '~/models/outbox/outbox.server'
import { isUniqueViolation } from '~/utils/db.server'
import { reader, transaction } from '~/utils/query.server'
import { readBooker, readSession, type SessionFacts } from './booking-facts.server'
import { attendeeKey, MAX_ATTENDEES, type Attendee, type RefusalReason } from './constants'
import { quotaCategory, refusalReason } from './eligibility'
import { tryTakeSeat } from './seats.server'
import { bookingsHeld, insertBooking, nextWaitlistNumber } from './booking-row.server'
import type { AnswerRow } from '~/models/questions/definitions'
import { attendeeToken } from '~/models/questions/answers.server'

export type BookingOutcome =
  | {
      attendee: Attendee
      name: string
      result: 'confirmed' | 'waitlisted'
      bookingId: string
      existing: boolean
      waitlistSeq?: number | null
      /** place on the waitlist when this booking joined it */
      position?: number
    }
  | { attendee: Attendee; name: string; result: 'offered'; bookingId: string; existing: true }
  | { attendee: Attendee; name: string; result: 'refused'; reason: RefusalReason }

class BookerLimitReached extends Error {}

/**
 * Book a session for the signed-in member or for some of their children. Each attendee
 * gets a seat if one is free (and their quota has one), else a place on the waitlist.
 * Everything that needs no lock is read first; the transaction per attendee is a handful of
 * statements (STACK.md: the SQLite connection is shared, keep it short).
 */
export async function bookSession(input: {
  userId: string
  sessionId: string
  attendees: Attendee[]
  /** answers to the programme's questions, read and sealed (app/models/questions): an attendee's own and the booking's ("*") */
  answers?: AnswerRow[]
  /** the session's facts, when the caller has read them already (readSession: the POST asks it first, for the questions) */
  session?: SessionFacts
  now?: Date
}): Promise<BookingOutcome[]> {
  const now = input.now ?? new Date()
  if (input.attendees.length === 0) return []
  if (input.attendees.length > MAX_ATTENDEES) throw new Error(`at most ${MAX_ATTENDEES} attendees a booking`)
  const childIds = input.attendees.flatMap((a) => (a.kind === 'child' ? [a.childId] : []))
  const [session, booker] = await Promise.all([
    input.session?.id === input.sessionId ? input.session : readSession(input.sessionId),
    readBooker(input.userId, childIds, input.sessionId, input.attendees.map(attendeeKey)),
  ])
  if (!session) return []
  if (!booker) throw new Error(`booker ${input.userId} not found`)
  const { existing } = booker

  const outcomes: BookingOutcome[] = []
  for (const attendee of input.attendees) {
    const person = resolveAttendee(attendee, booker)
    if (!person) {
      outcomes.push({ attendee, name: '', result: 'refused', reason: 'not-your-child' })
      continue
    }
    const key = attendeeKey(attendee)
    const already = existing.find((b) => b.activeKey === key)
    if (already) {
      outcomes.push(existingOutcome(attendee, person.name, already))
      continue
    }
    const reason = refusalReason({
      programme: session.programme,
      session,
      booker,
      attendeeKind: attendee.kind,
      attendee: person,
      now,
    })
    if (reason) {
      outcomes.push({ attendee, name: person.name, result: 'refused', reason })
      continue
    }
    const category = quotaCategory(session, person)
    outcomes.push(
      await bookOne({
        sessionId: session.id,
        category,
        perBookerLimit: session.programme.perBookerLimit,
        booker,
        attendee,
        name: person.name,
        answers: (input.answers ?? []).filter((a) => a.attendee === '*' || a.attendee === attendeeToken(attendee)),
        now,
      }),
    )
  }
  return outcomes
}

type OneBooking = {
  sessionId: string
  category: string | null
  perBookerLimit: number | null
  booker: { id: string; email: string; locale: string }
  attendee: Attendee
  name: string
  answers: AnswerRow[]
  now: Date
}

/**
 * One attendee's booking, one short transaction: a seat if the conditional updates give one,
 * else the next waitlist number; the booking row with its answers, audit entry, mail and — on the
 * waitlist — its place in line (one statement on PostgreSQL: insertBooking); the per-booker limit
 * checked last (so going over it rolls all of that back). Each step is booking's one
 * implementation of its rule, the same a Prisma transaction calls.
 */
async function bookOne(input: OneBooking): Promise<BookingOutcome> {
  const { attendee, name, booker, now } = input
  try {
    const booked = await transaction(async (q) => {
      const seated = await tryTakeSeat(q, input.sessionId, input.category)
      const waitlistSeq = seated ? null : await nextWaitlistNumber(q, input.sessionId)
      const { id: bookingId, position } = await insertBooking(q, {
        sessionId: input.sessionId,
        bookerId: booker.id,
        attendeeKey: attendeeKey(attendee),
        status: seated ? 'confirmed' : 'waitlisted',
        quotaCategory: input.category,
        waitlistSeq,
        answers: input.answers,
        now,
        position: true,
        with: (id) => [
          auditRows(
            { actorId: booker.id, action: seated ? 'booking.confirmed' : 'booking.waitlisted', entity: 'Booking', entityId: id },
            now,
          ),
          mailRows(
            {
              kind: seated ? 'booking-confirmed' : 'waitlisted',
              toEmail: booker.email,
              userId: booker.id,
              locale: booker.locale,
              bookingId: id,
              payload: seated ? { invite: { method: 'REQUEST', sequence: 0 } } : {},
            },
            now,
          ),
        ],
      })
      if (input.perBookerLimit !== null && (await bookingsHeld(q, input.sessionId, booker.id)) > input.perBookerLimit) {
        throw new BookerLimitReached()
      }
      const result = seated ? ('confirmed' as const) : ('waitlisted' as const)
      return { attendee, name, result, bookingId, existing: false, waitlistSeq, ...(position === null ? {} : { position }) }
    })
    return booked
  } catch (error) {
    if (error instanceof BookerLimitReached) {
      return { attendee, name, result: 'refused', reason: 'per-booker-limit' }
    }
    // a double submit raced us to the unique (sessionId, activeKey) index: return that booking
    if (isUniqueViolation(error)) {
      const already = await reader
        .selectFrom('Booking')
        .select(['id', 'status'])
        .where('sessionId', '=', input.sessionId)
        .where('activeKey', '=', attendeeKey(attendee))
        .executeTakeFirst()
      if (already) return existingOutcome(attendee, name, already)
    }
    throw error
  }
}

function existingOutcome(attendee: Attendee, name: string, booking: { id: string; status: string }): BookingOutcome {
  const result = booking.status as 'confirmed' | 'waitlisted' | 'offered'
  return { attendee, name, result, bookingId: booking.id, existing: true } as BookingOutcome
}

function resolveAttendee(
  attendee: Attendee,
  booker: {
    id: string
    name: string
    gender: string | null
    birthDate: Date | null
    children: { id: string; name: string; gender: string; birthDate: Date }[]
  },
) {
  if (attendee.kind === 'self') return attendee.userId === booker.id ? booker : null
  return booker.children.find((c) => c.id === attendee.childId) ?? null
}
