import { writeAudit } from '~/models/audit/audit.server'
import { attendeeIds, attendeeKey } from '~/models/booking/constants'
import { bookDrawnPlace } from '~/models/booking/drawn-booking.server'
import { enqueueMail } from '~/models/outbox/outbox.server'
import type { Tx } from '~/utils/db.server'
import { sealAnswers } from '~/models/questions/answers.server'
import type { AnswerRow } from '~/models/questions/definitions'
import { questionsForSession } from '~/models/questions/questions.server'
import { entryAnswers } from './entries.server'
import type { UnitResult } from './draw'
import type { PrivateList, PrivateUnit } from './freeze.server'

type ApplyInput = {
  slug: string
  holdUntil: Date | null
  list: PrivateList
  result: UnitResult[]
  sessions: { id: string }[]
  now: Date
  actorId: string | null
}

/**
 * Turn a drawn result into bookings, in draw order, inside the draw's transaction: a placed
 * unit's seats through booking's conditional seat updates (a seat that is not free aborts the
 * whole draw), confirmed or held as an offer; a waitlisted unit takes the session's next
 * numbers, in draw order (booking's own counter); one
 * mail per booking. People erased since the freeze keep their line but get no booking.
 */
export async function applyResult(tx: Tx, input: ApplyInput) {
  const unitsById = new Map(input.list.units.map((u) => [u.id, u]))
  const sessionId = new Map(input.list.sessions.map((s) => [s.no, s.id]))
  const { applicants, erased, active } = await whoIsStillThere(tx, input)
  // the answers given with each application become its bookings' answers (a sensitive one sealed as a booking's is)
  const questions = input.sessions.length ? await questionsForSession(input.sessions[0].id) : []
  for (const r of input.result) {
    if (r.outcome === 'unplaced') continue
    const unit = unitsById.get(r.id)!
    const applicant = applicants.get(unit.entryId)
    if (!applicant || applicant.erasedAt) continue // the applicant's account is gone: nobody to give the place to
    const session = sessionId.get(r.session)!
    for (const attendee of unit.attendees) {
      if (active.has(`${session} ${attendee.key}`) || erased.has(attendee.key)) continue // holds a place there already, or was deleted
      const token = attendee.key.startsWith('c:') ? attendee.key.slice(2) : 'self'
      const answers = sealAnswers(
        questions,
        applicant.answers.filter((a) => (a.attendee === '*' || a.attendee === token) && questions.some((q) => q.id === a.questionId)),
      )
      await giveDrawnPlace(tx, input, { r, session, unit, attendee, applicant, answers })
    }
  }
  // the answers now live on the bookings (or, for those not placed anywhere, are no longer needed)
  await tx.lotteryEntry.updateMany({
    where: { id: { in: [...applicants.keys()] }, answersSealed: { not: null } },
    data: { answersSealed: null },
  })
}

async function whoIsStillThere(tx: Tx, input: ApplyInput) {
  const entryIds = [...new Set(input.list.units.map((u) => u.entryId))]
  const applicants = new Map(
    (
      await tx.lotteryEntry.findMany({
        where: { id: { in: entryIds } },
        select: { id: true, answersSealed: true, applicant: { select: { id: true, email: true, locale: true, erasedAt: true } } },
      })
    ).map((e) => [e.id, { ...e.applicant, answers: entryAnswers(e.answersSealed) }]),
  )
  const keys = input.list.units.flatMap((u) => u.attendees.map((a) => a.key))
  const erased = new Set(
    (await tx.child.findMany({ where: { erasedAt: { not: null }, id: { in: attendeeIds(keys).childIds } }, select: { id: true } })).map(
      (c) => attendeeKey({ kind: 'child', childId: c.id }),
    ),
  )
  const active = new Set(
    (
      await tx.booking.findMany({
        where: { sessionId: { in: input.sessions.map((s) => s.id) }, activeKey: { not: null } },
        select: { sessionId: true, activeKey: true },
      })
    ).map((b) => `${b.sessionId} ${b.activeKey}`),
  )
  return { applicants, erased, active }
}

async function giveDrawnPlace(
  tx: Tx,
  input: ApplyInput,
  place: {
    r: Exclude<UnitResult, { outcome: 'unplaced' }>
    session: string
    unit: PrivateUnit
    attendee: PrivateUnit['attendees'][number]
    applicant: { id: string; email: string; locale: string }
    answers: AnswerRow[]
  },
) {
  const { r, session, unit, attendee, applicant, answers } = place
  const placed = r.outcome === 'placed'
  const booking = await bookDrawnPlace(tx, {
    sessionId: session,
    bookerId: applicant.id,
    attendeeKey: attendee.key,
    category: attendee.category,
    placed,
    holdUntil: input.holdUntil,
    now: input.now,
    householdId: unit.attendees.length > 1 ? unit.entryId : null,
    answers,
  })
  if (!booking) throw new Error(`lottery ${input.slug}: the seat drawn for ${r.id} in session ${r.session} was not free`)
  await writeAudit(tx, {
    actorId: input.actorId,
    action: placed ? (input.holdUntil ? 'booking.offered' : 'booking.confirmed') : 'booking.waitlisted',
    entity: 'Booking',
    entityId: booking.id,
    data: { lottery: input.slug, order: r.order },
  })
  await enqueueMail(tx, {
    kind: placed ? 'lottery-placed' : 'lottery-waitlisted',
    toEmail: applicant.email,
    userId: applicant.id,
    locale: applicant.locale,
    bookingId: booking.id,
    payload:
      r.outcome === 'waitlisted'
        ? { lottery: { slug: input.slug, waitlistNo: r.waitlistNo } }
        : input.holdUntil
          ? { offerExpiresAt: input.holdUntil.toISOString(), lottery: { slug: input.slug, choice: r.choice } }
          : { invite: { method: 'REQUEST', sequence: 0 }, lottery: { slug: input.slug, choice: r.choice } },
  })
}
