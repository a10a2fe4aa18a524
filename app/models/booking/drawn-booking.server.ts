import type { Tx } from '~/utils/db.server'
import type { AnswerRow } from '~/models/questions/definitions'
import { insertBooking, nextWaitlistNumber } from './booking-row.server'
import { tryTakeSeat } from './seats.server'

/**
 * A place or a place in line given by a lottery draw (app/models/lottery): the seat through
 * the same conditional updates as any booking, the waitlist number from the session's own
 * counter (taken in draw order, as the draw applies its result in that order), the booking
 * row as the booking POST makes it. Null when the seat was not free (the draw then aborts as a whole).
 */
export async function bookDrawnPlace(
  tx: Tx,
  input: {
    sessionId: string
    bookerId: string
    attendeeKey: string
    category: string | null
    placed: boolean
    holdUntil: Date | null
    householdId: string | null
    /** the application's answers to the programme's questions, sealed where sensitive */
    answers?: AnswerRow[]
    /** the draw's clock */
    now: Date
  },
) {
  if (input.placed && !(await tryTakeSeat(tx, input.sessionId, input.category))) return null
  const waitlistSeq = input.placed ? null : await nextWaitlistNumber(tx, input.sessionId)
  const { id } = await insertBooking(tx, {
    sessionId: input.sessionId,
    bookerId: input.bookerId,
    attendeeKey: input.attendeeKey,
    status: input.placed ? (input.holdUntil ? 'offered' : 'confirmed') : 'waitlisted',
    offerExpiresAt: input.placed ? input.holdUntil : null,
    quotaCategory: input.placed ? input.category : null,
    waitlistSeq,
    householdId: input.householdId,
    answers: input.answers,
    now: input.now,
  })
  return { id }
}
