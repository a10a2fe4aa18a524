import type { AnswerRow } from '~/models/questions/definitions'
import { asCount, insertRows, newUpdatedRow, newUuid, prepared, type Q, type Queryable, type Rows } from '~/utils/query.server'
import { attendeeColumns, type BookingStatus } from './constants'

/**
 * The one way a booking row is made — by the booking POST and by a lottery's draw — with its
 * answers to the programme's questions (read and sealed by app/models/questions) and any other
 * rows that go with it (`with`: its audit entry and its mail, as auditRows and mailRows
 * build them, given the booking's id). The seat, if any, was taken before (seats.server.ts).
 * On PostgreSQL they all go in one statement (data-modifying WITH): the session's row is locked
 * from the seat taken to the commit, and each round trip less under that lock is a booking more
 * a second in a rush. SQLite, in process, runs them one after another. `position`: a waitlisted
 * booking's place in line, counted in the same statement (under the session's lock, everyone
 * ahead took their number and committed first) — the booking POST's, not a draw's (a count per
 * row of a draw would grow with the line).
 */
export async function insertBooking(
  tx: Queryable,
  input: {
    sessionId: string
    bookerId: string
    attendeeKey: string
    status: BookingStatus
    quotaCategory: string | null
    waitlistSeq: number | null
    offerExpiresAt?: Date | null
    householdId?: string | null
    answers?: AnswerRow[]
    /** when it was booked (the use case's clock) */
    now?: Date
    /** rows written with it, given its id (not yet run) */
    with?: (bookingId: string) => Rows[]
    /** count its place in line (a waitlisted booking) */
    position?: boolean
  },
) {
  const row = {
    ...newUpdatedRow(input.now),
    sessionId: input.sessionId,
    bookerId: input.bookerId,
    ...attendeeColumns(input.attendeeKey),
    activeKey: input.attendeeKey,
    status: input.status,
    quotaCategory: input.quotaCategory,
    waitlistSeq: input.waitlistSeq,
    offerExpiresAt: input.offerExpiresAt ?? null,
    householdId: input.householdId ?? null,
    icalUid: newUuid(),
    icalSequence: 0,
  }
  const answers = (input.answers ?? []).map((a) => ({
    bookingId: row.id,
    questionId: a.questionId,
    value: a.value,
    createdAt: row.createdAt,
    updatedAt: row.createdAt,
  }))
  const { sessionId, waitlistSeq } = row
  const counted = await insertRows(
    tx,
    [
      { table: 'Booking', values: row },
      ...(answers.length > 0 ? [{ table: 'Answer', values: answers } as const] : []),
      ...(input.with?.(row.id) ?? []),
    ],
    input.position && waitlistSeq !== null ? (q) => aheadOf(q, { sessionId, waitlistSeq }) : undefined,
  )
  return { id: row.id, position: counted.length > 0 ? placeBehind(counted[0]) : null }
}

const takeWaitlistNumber = prepared((q, a: { sessionId: string; now: Date }) =>
  q
    .updateTable('Session')
    .set((eb) => ({ waitlistSeq: eb('waitlistSeq', '+', 1), updatedAt: a.now }))
    .where('id', '=', a.sessionId)
    .returning('waitlistSeq'),
)
/** The session's next waitlist number, taken by the update itself (the booking POST and a draw, in draw order, alike). */
export async function nextWaitlistNumber(tx: Queryable, sessionId: string) {
  const [row] = (await takeWaitlistNumber(tx, { sessionId, now: new Date() })).rows
  if (!row) throw new Error(`session ${sessionId} not found`)
  return Number(row.waitlistSeq)
}

/** Those waiting for the same session ahead of a number. */
const aheadOf = (q: Q, a: { sessionId: string; waitlistSeq: number }) =>
  q
    .selectFrom('Booking')
    .select((eb) => eb.fn.countAll().as('ahead'))
    .where('sessionId', '=', a.sessionId)
    .where('status', '=', 'waitlisted')
    .where('waitlistSeq', '<', a.waitlistSeq)
const countAhead = prepared(aheadOf)
/** The 1-based place of one behind those counted ahead. */
const placeBehind = (row: { ahead: unknown } | undefined) => asCount(row?.ahead) + 1
/** 1-based place among those waiting for the same session: the one count of it. */
export async function waitlistPosition(tx: Queryable, sessionId: string, waitlistSeq: number) {
  const [row] = (await countAhead(tx, { sessionId, waitlistSeq })).rows
  return placeBehind(row)
}

const countHeld = prepared((q, a: { sessionId: string; bookerId: string }) =>
  q
    .selectFrom('Booking')
    .select((eb) => eb.fn.countAll().as('held'))
    .where('sessionId', '=', a.sessionId)
    .where('bookerId', '=', a.bookerId)
    .where('activeKey', 'is not', null),
)
/** How many active bookings a booker holds for a session (the per-booker limit). */
export async function bookingsHeld(tx: Queryable, sessionId: string, bookerId: string) {
  const [row] = (await countHeld(tx, { sessionId, bookerId })).rows
  return asCount(row?.held)
}
