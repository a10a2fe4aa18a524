import { parseForm } from '~/web/parse-form'
import { data } from '@remix-run/node'
import type { SignedInUser } from '~/web/auth.server'
import { redirectWithNotices, type Notice } from '~/web/flash.server'
import { bookSession } from '~/models/booking/book-session.server'
import { readSession } from '~/models/booking/booking-facts.server'
import { cancelBooking } from '~/models/booking/cancel-booking.server'
import type { Attendee } from '~/models/booking/constants'
import { acceptOffer, declineOffer } from '~/models/booking/offers.server'
import { bookingActionSchema } from '~/models/booking/schemas'
import { waitlistPosition } from '~/models/booking/booking-row.server'
import { attendeeToken, earlierAnswers, formValues, sealAnswers, typedFields } from '~/models/questions/answers.server'
import { readAnswers, type AnswerRow } from '~/models/questions/definitions'
import { reader } from '~/utils/query.server'
import { questionsOf } from '~/models/questions/questions.server'

/** A message for the member: an i18n key and its parameters (translated in the page). */

/**
 * The one handler for the booking forms a member posts. Routes call it after their guard;
 * all rules live in the use cases it calls.
 */
export async function handleBookingAction(request: Request, user: SignedInUser, formData?: FormData) {
  // a route that already read the form (to dispatch by intent) hands it over: the body is read once
  formData ??= await request.formData()
  const submission = parseForm(formData, bookingActionSchema)
  if (submission.status !== 'success') {
    return data({ notices: [{ key: 'errors.badRequest', tone: 'error' }] as Notice[] }, { status: 400 })
  }
  const action = submission.value
  switch (action.intent) {
    case 'book': {
      const attendees: Attendee[] = action.childId?.length
        ? action.childId.map((childId) => ({ kind: 'child', childId }))
        : [{ kind: 'self', userId: user.id }]
      // the session's facts first: whether its programme asks questions (none: no statement for
      // them), then the answers read with the zod built from their definitions
      const session = await readSession(action.sessionId)
      if (!session) return reply(404, { key: 'booking.sessionGone', tone: 'error' })
      const questions = session.asksQuestions ? await questionsOf(session.programmeId) : []
      let answers: AnswerRow[] | undefined
      if (questions.length > 0) {
        const tokens = attendees.map(attendeeToken)
        // an earlier sensitive answer is reused only where the member ticked it
        const reuse = [...formData.keys()].some((name) => name.startsWith('reuse_'))
        const earlier = reuse ? await earlierAnswers(user.id, questions, tokens) : new Map()
        const read = readAnswers(questions, tokens, formValues(formData, earlier))
        if (!read.ok) {
          // the page again with every answer as typed, and what to correct
          return data(
            {
              notices: [{ key: 'errors.formHasErrors', tone: 'error' }] as Notice[],
              answers: { sessionId: action.sessionId, errors: read.errors, values: typedFields(formData) },
            },
            { status: 400 },
          )
        }
        answers = sealAnswers(questions, read.rows)
      }
      const outcomes = await bookSession({ userId: user.id, sessionId: action.sessionId, attendees, answers, session })
      if (outcomes.length === 0) return reply(404, { key: 'booking.sessionGone', tone: 'error' })
      const notices: Notice[] = []
      for (const o of outcomes) {
        if (o.result === 'refused' && o.reason === 'wrong-audience' && !action.childId?.length) {
          // a parent pressed "book" on a children's programme without ticking a child
          return reply(400, { key: 'booking.chooseSomeone', tone: 'error' })
        }
        if (o.result === 'refused') {
          notices.push({ key: 'booking.refused', params: { name: o.name || '—' }, reason: o.reason, tone: 'error' })
        } else if (o.existing) {
          const key = { confirmed: 'existingConfirmed', waitlisted: 'existingWaitlisted', offered: 'existingOffered' }[o.result]
          notices.push({ key: `booking.${key}`, params: { name: o.name }, tone: 'ok' })
        } else if (o.result === 'waitlisted') {
          const position = o.position ?? (await waitlistPosition(reader, action.sessionId, o.waitlistSeq ?? 0))
          notices.push({ key: 'booking.waitlisted', params: { name: o.name, position }, tone: 'ok' })
        } else {
          notices.push({ key: 'booking.confirmed', params: { name: o.name }, tone: 'ok' })
        }
      }
      if (outcomes.every((o) => o.result === 'refused')) return data({ notices }, { status: 409 })
      return redirectWithNotices(request, new URL(request.url).pathname, notices)
    }
    case 'cancel': {
      const result = await cancelBooking({ bookingId: action.bookingId, userId: user.id })
      if (result.ok) return done(request, { key: 'booking.cancelled', tone: 'ok' })
      if (result.error === 'booking.deadlinePassed') {
        return reply(409, { key: result.error, params: { deadline: result.deadline.toISOString(), phone: result.phone }, tone: 'error' })
      }
      return reply(result.error === 'booking.notFound' ? 404 : 409, { key: result.error, tone: 'error' })
    }
    case 'accept': {
      const result = await acceptOffer({ bookingId: action.bookingId, userId: user.id })
      return result.ok ? done(request, { key: 'booking.accepted', tone: 'ok' }) : reply(409, { key: result.error, tone: 'error' })
    }
    case 'decline': {
      const result = await declineOffer({ bookingId: action.bookingId, userId: user.id })
      return result.ok ? done(request, { key: 'booking.declined', tone: 'ok' }) : reply(409, { key: result.error, tone: 'error' })
    }
  }
}

/** Success: back to the same page (303) with the message. */
function done(request: Request, notice: Notice) {
  return redirectWithNotices(request, new URL(request.url).pathname, [notice])
}

/** Refusal: the page again with the reason, and a 4xx. */
function reply(status: number, notice: Notice) {
  return data({ notices: [notice] }, { status })
}
