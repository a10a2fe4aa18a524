import type { AnswerRow } from '~/models/questions/definitions'
import { engine } from '~/utils/db.server'
import { asCount, newUpdatedRow, newUuid, queries, type Queryable } from '~/utils/query.server'
import { attendeeColumns, type BookingStatus } from './constants'

/**
 * The one way a booking row is made — by the booking POST and by a lottery's draw — with its
 * answers to the programme's questions (read and sealed by app/models/questions). The seat, if
 * any, was taken before (seats.server.ts). On PostgreSQL the row and its answers go in one
 * statement: the session's row is locked from the seat taken to the commit, and a round trip
 * less under that lock keeps a rush with questions near one without.
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
  },
) {
  const q = queries(tx)
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
  if (answers.length > 0 && engine === 'postgresql') {
    await q
      .with('b', (w) => w.insertInto('Booking').values(row).returning('id'))
      .insertInto('Answer')
      .values(answers)
      .execute()
  } else {
    await q.insertInto('Booking').values(row).execute()
    if (answers.length > 0) await q.insertInto('Answer').values(answers).execute()
  }
  return row.id
}

/** The session's next waitlist number, taken by the update itself (the booking POST and a draw, in draw order, alike). */
export async function nextWaitlistNumber(tx: Queryable, sessionId: string) {
  const row = await queries(tx)
    .updateTable('Session')
    .set((eb) => ({ waitlistSeq: eb('waitlistSeq', '+', 1), updatedAt: new Date() }))
    .where('id', '=', sessionId)
    .returning('waitlistSeq')
    .executeTakeFirstOrThrow()
  return Number(row.waitlistSeq)
}

/** 1-based place among those waiting for the same session: the one count of it. */
export async function waitlistPosition(tx: Queryable, sessionId: string, waitlistSeq: number) {
  const { ahead } = await queries(tx)
    .selectFrom('Booking')
    .select((eb) => eb.fn.countAll().as('ahead'))
    .where('sessionId', '=', sessionId)
    .where('status', '=', 'waitlisted')
    .where('waitlistSeq', '<', waitlistSeq)
    .executeTakeFirstOrThrow()
  return asCount(ahead) + 1
}

/** How many active bookings a booker holds for a session (the per-booker limit). */
export async function bookingsHeld(tx: Queryable, sessionId: string, bookerId: string) {
  const { held } = await queries(tx)
    .selectFrom('Booking')
    .select((eb) => eb.fn.countAll().as('held'))
    .where('sessionId', '=', sessionId)
    .where('bookerId', '=', bookerId)
    .where('activeKey', 'is not', null)
    .executeTakeFirstOrThrow()
  return asCount(held)
}
