import { writeAudit } from '~/models/audit/audit.server'
import { db, write } from '~/utils/db.server'
import { decryptField, encryptField } from '~/utils/field-crypto.server'
import { answerValues, fieldName, readAnswers, type AnswerErrors, type AnswerRow, type QuestionDef } from './definitions'
import { questionsOf } from './questions.server'
import type { MessageKey } from '~/models/result'

/**
 * Answers to registration questions (docs/decisions/0022-registration-questions.md). A sensitive
 * question's answer is sealed with DATA_KEY like a child's health note (field-crypto, listed in
 * SEALED_COLUMNS) and shown under the notes' rules; the rest are plain text.
 */

/** The rows a booking form's answers make, sealed where the question is sensitive. */
export function sealAnswers(questions: QuestionDef[], rows: AnswerRow[]): AnswerRow[] {
  const sensitive = new Set(questions.filter((q) => q.sensitive).map((q) => q.id))
  return rows.map((row) => (sensitive.has(row.questionId) ? { ...row, value: encryptField(row.value)! } : row))
}

/** The attendee's token in answer rows and field names: a child's id, or "self". */
export const attendeeToken = (attendee: { kind: 'child'; childId: string } | { kind: 'self' }) =>
  attendee.kind === 'child' ? attendee.childId : 'self'

/** The answers of many bookings, opened (the caller decides who may see a sensitive one). */
export async function answersOfBookings(bookingIds: string[]) {
  if (bookingIds.length === 0) return new Map<string, { questionId: string; value: string; sensitive: boolean }[]>()
  const rows = await db.answer.findMany({
    where: { bookingId: { in: bookingIds } },
    select: { bookingId: true, questionId: true, value: true, question: { select: { sensitive: true } } },
  })
  const byBooking = new Map<string, { questionId: string; value: string; sensitive: boolean }[]>()
  for (const r of rows) {
    const value = r.question.sensitive ? (decryptField(r.value) ?? '') : r.value
    byBooking.set(r.bookingId, [
      ...(byBooking.get(r.bookingId) ?? []),
      { questionId: r.questionId, value, sensitive: r.question.sensitive },
    ])
  }
  return byBooking
}

const normalise = (label: string) => label.replace(/[\s:：?？*（）()]/g, '').toLowerCase()

/**
 * What this member answered before, offered again: for each question and attendee, the latest
 * answer the same person (a child, or the member) gave to a question of the same type and wording
 * on an earlier booking. A sensitive one is never filled in: the form offers a tick to reuse it.
 */
export async function earlierAnswers(userId: string, questions: QuestionDef[], attendees: string[]) {
  const found = new Map<string, { value: string; sensitive: boolean }>()
  if (questions.length === 0) return found
  const rows = await db.answer.findMany({
    where: { booking: { bookerId: userId }, question: { type: { in: [...new Set(questions.map((q) => q.type))] } } },
    orderBy: { updatedAt: 'desc' },
    take: 500,
    select: {
      value: true,
      booking: { select: { childId: true, attendeeUserId: true } },
      question: { select: { type: true, labelZh: true, scope: true, sensitive: true } },
    },
  })
  for (const question of questions) {
    for (const attendee of question.scope === 'booking' ? ['*'] : attendees) {
      const earlier = rows.find(
        (r) =>
          r.question.type === question.type &&
          normalise(r.question.labelZh) === normalise(question.labelZh) &&
          (question.scope === 'booking' || (attendee === 'self' ? r.booking.attendeeUserId === userId : r.booking.childId === attendee)),
      )
      if (!earlier) continue
      const value = earlier.question.sensitive ? decryptField(earlier.value) : earlier.value
      if (value !== null) found.set(fieldName(question, attendee), { value, sensitive: question.sensitive || earlier.question.sensitive })
    }
  }
  return found
}

/**
 * The values a booking form posted for its questions, with sensitive earlier answers the member
 * ticked to reuse ("reuse_<field>") put in where the field was left empty.
 */
export function formValues(formData: FormData, earlier: Map<string, { value: string; sensitive: boolean }>) {
  return (field: string) => {
    const typed = formData.getAll(field).map(String)
    if (typed.some((v) => v.trim()) || formData.get(`reuse_${field}`) !== 'on') return typed
    const kept = earlier.get(field)
    return kept ? answerValues(kept.value) : typed
  }
}

/** What a form posted for its questions (and the children ticked, the reuse ticks), to show it again as typed. */
export function typedFields(formData: FormData) {
  const values: Record<string, string[]> = {}
  for (const [name, value] of formData) {
    if (typeof value !== 'string') continue
    if (name.startsWith('q_') || name.startsWith('reuse_') || name === 'childId')
      values[name] = [...(values[name] ?? []), value.slice(0, 2000)]
  }
  return values
}

/**
 * A member changes the answers of a booking of theirs, until the programme's booking window
 * closes: the whole set read again (conditions too), replaced in one transaction.
 */
export async function changeAnswers(input: {
  userId: string
  bookingId: string
  valuesOf: (field: string) => string[]
  now?: Date
}): Promise<{ ok: true } | { ok: false; error: MessageKey; errors?: AnswerErrors }> {
  const now = input.now ?? new Date()
  const booking = await db.booking.findFirst({
    where: { id: input.bookingId, bookerId: input.userId, activeKey: { not: null } },
    select: { id: true, childId: true, session: { select: { programme: { select: { id: true, bookingClosesAt: true } } } } },
  })
  if (!booking) return { ok: false, error: 'booking.notFound' }
  if (now > booking.session.programme.bookingClosesAt) return { ok: false, error: 'questions.tooLate' }
  const questions = await questionsOf(booking.session.programme.id)
  if (questions.length === 0) return { ok: false, error: 'errors.notFound' }
  const token = booking.childId ?? 'self'
  const read = readAnswers(questions, [token], input.valuesOf)
  if (!read.ok) return { ok: false, error: 'errors.formHasErrors', errors: read.errors }
  const rows = sealAnswers(questions, read.rows)
  await write(async (tx) => {
    // the answers to questions asked now are replaced; a removed question's answer stays
    await tx.answer.deleteMany({ where: { bookingId: booking.id, questionId: { in: questions.map((q) => q.id) } } })
    await tx.answer.createMany({
      data: rows.map((r) => ({ bookingId: booking.id, questionId: r.questionId, value: r.value, createdAt: now, updatedAt: now })),
    })
    await writeAudit(tx, {
      actorId: input.userId,
      action: 'answers.changed',
      entity: 'Booking',
      entityId: booking.id,
      data: { answers: rows.length },
    })
  })
  return { ok: true }
}

/** A member's booking with its questions and answers (their own: a sensitive one opened for them), or null. */
export async function myBookingAnswers(userId: string, bookingId: string) {
  const booking = await db.booking.findFirst({
    where: { id: bookingId, bookerId: userId, activeKey: { not: null } },
    select: {
      id: true,
      childId: true,
      child: { select: { name: true } },
      attendeeUser: { select: { name: true } },
      session: { select: { programme: { select: { id: true, titleZh: true, titleEn: true, bookingClosesAt: true } } } },
    },
  })
  if (!booking) return null
  const questions = await questionsOf(booking.session.programme.id)
  const answers = (await answersOfBookings([booking.id])).get(booking.id) ?? []
  const token = booking.childId ?? 'self'
  const values: Record<string, string[]> = {}
  for (const a of answers) {
    const question = questions.find((q) => q.id === a.questionId)
    if (question) values[fieldName(question, token)] = answerValues(a.value)
  }
  return {
    bookingId: booking.id,
    name: booking.child?.name ?? booking.attendeeUser?.name ?? '',
    programme: booking.session.programme,
    token,
    questions,
    values,
  }
}
