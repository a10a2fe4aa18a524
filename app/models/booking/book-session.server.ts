import { auditRows } from '~/models/audit/audit.server'
import { mailRows } from '~/models/outbox/outbox.server'
import { isUniqueViolation } from '~/utils/db.server'
import { prepared, reader, transaction } from '~/utils/query.server'
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

/**
 * What booking decides on, read on the query layer (the hot path: Prisma's client costs about a
 * millisecond of CPU a statement). Seat counts are not read here: the conditional updates in
 * the transaction decide those.
 */
const sessionFacts = prepared((q, a: { sessionId: string }) =>
  q
    .selectFrom('Session as s')
    .innerJoin('Programme as p', 'p.id', 's.programmeId')
    .leftJoin('Lottery as l', 'l.programmeId', 'p.id')
    .leftJoin('Quota as q', 'q.sessionId', 's.id')
    .select([
      's.id',
      's.status',
      's.startsAt',
      'p.status as programmeStatus',
      'p.audience',
      'p.minAge',
      'p.maxAge',
      'p.membersOnly',
      'p.bookingOpensAt',
      'p.bookingClosesAt',
      'p.perBookerLimit',
      'p.allocation',
      'l.drawnAt as lotteryDrawnAt',
      'q.category as quotaCategory',
      's.programmeId',
      // whether its form asks anything: a programme without questions needs no statement for them
      (eb) =>
        eb
          .selectFrom('Question as qn')
          .select((c) => c.fn.countAll().as('asked'))
          .whereRef('qn.programmeId', '=', 's.programmeId')
          .where('qn.removedAt', 'is', null)
          .as('questionCount'),
    ])
    .where('s.id', '=', a.sessionId),
)
export type SessionFacts = NonNullable<Awaited<ReturnType<typeof readSession>>>
/**
 * The session's facts and whether its programme's form asks anything — one statement (a row per
 * quota of the session; one row, quota null, when it has none). The booking POST reads them
 * first (the answers are read against the questions) and hands them to bookSession.
 */
export async function readSession(sessionId: string) {
  const { rows } = await sessionFacts(reader, { sessionId })
  const row = rows[0]
  if (!row) return null
  const quotas = rows.flatMap((r) => (r.quotaCategory === null ? [] : [{ category: r.quotaCategory }]))
  return {
    id: row.id,
    status: row.status,
    startsAt: row.startsAt,
    programmeId: row.programmeId,
    asksQuestions: Number(row.questionCount ?? 0) > 0,
    quotas,
    programme: {
      status: row.programmeStatus,
      audience: row.audience,
      minAge: row.minAge,
      maxAge: row.maxAge,
      membersOnly: row.membersOnly,
      bookingOpensAt: row.bookingOpensAt,
      bookingClosesAt: row.bookingClosesAt,
      perBookerLimit: row.perBookerLimit,
      allocation: row.allocation,
      lotteryDrawnAt: row.lotteryDrawnAt,
    },
  }
}

// the booker and what the named attendees already hold in the session (a double submit), one
// statement: the attendees' keys are its ten last parameters, the unused ones null (IN ignores them)
type BookerArgs = { userId: string; sessionId: string } & Record<`k${number}`, string | null>
const keyParameters = (a: BookerArgs) => Array.from({ length: MAX_ATTENDEES }, (_, i) => a[`k${i}`])
const bookerFacts = prepared((q, a: BookerArgs) =>
  q
    .selectFrom('User as u')
    .leftJoin('Booking as b', (join) => join.on('b.sessionId', '=', a.sessionId).on('b.activeKey', 'in', keyParameters(a) as string[]))
    .select([
      'u.id',
      'u.name',
      'u.email',
      'u.locale',
      'u.memberNo',
      'u.memberVerifiedAt',
      'u.gender',
      'u.birthDate',
      'b.id as bookingId',
      'b.activeKey',
      'b.status as bookingStatus',
    ])
    .where('u.id', '=', a.userId),
)
/**
 * The booker, the bookings the attendees already hold in the session, and those of the named
 * children that are theirs (ownership in the where clause).
 */
async function readBooker(userId: string, childIds: string[], sessionId: string, keys: string[]) {
  const args: BookerArgs = { userId, sessionId }
  for (let i = 0; i < MAX_ATTENDEES; i++) args[`k${i}`] = keys[i] ?? null
  const { rows } = await bookerFacts(reader, args)
  if (rows.length === 0) return null
  const { bookingId: _b, activeKey: _k, bookingStatus: _s, ...user } = rows[0]
  const existing = rows.flatMap((r) => (r.bookingId ? [{ id: r.bookingId, activeKey: r.activeKey, status: r.bookingStatus! }] : []))
  const children =
    childIds.length === 0
      ? []
      : await reader
          .selectFrom('Child')
          .select(['id', 'name', 'gender', 'birthDate'])
          .where('guardianId', '=', userId)
          .where('erasedAt', 'is', null)
          .where('id', 'in', childIds)
          .execute()
  return { ...user, children, existing }
}
