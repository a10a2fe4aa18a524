import type { Tx } from '~/utils/db.server'
import type { AnswerRow } from '~/models/questions/definitions'
import { attendeeColumns } from './constants'
import { tryTakeSeat } from './seats.server'

/**
 * A place or a waitlist number given by a lottery draw (app/models/lottery): the seat through
 * the same conditional updates as any booking, the booking row with the number the draw gave.
 * Null when the seat was not free (the draw then aborts as a whole).
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
    waitlistSeq: number | null
    householdId: string | null
    /** the application's answers to the programme's questions, sealed where sensitive */
    answers?: AnswerRow[]
  },
) {
  if (input.placed && !(await tryTakeSeat(tx, input.sessionId, input.category))) return null
  const booking = await tx.booking.create({
    data: {
      sessionId: input.sessionId,
      bookerId: input.bookerId,
      ...attendeeColumns(input.attendeeKey),
      activeKey: input.attendeeKey,
      status: input.placed ? (input.holdUntil ? 'offered' : 'confirmed') : 'waitlisted',
      offerExpiresAt: input.placed ? input.holdUntil : null,
      quotaCategory: input.placed ? input.category : null,
      waitlistSeq: input.waitlistSeq,
      householdId: input.householdId,
    },
    select: { id: true },
  })
  if (input.answers?.length)
    await tx.answer.createMany({ data: input.answers.map((a) => ({ bookingId: booking.id, questionId: a.questionId, value: a.value })) })
  return booking
}

/** After a draw numbered a session's waitlist in draw order: its counter moves past the numbers given. */
export function advanceWaitlistCounter(tx: Tx, sessionId: string, last: number) {
  return tx.session.update({ where: { id: sessionId }, data: { waitlistSeq: last } })
}
