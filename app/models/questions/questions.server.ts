import { writeAudit } from '~/models/audit/audit.server'
import { db, write } from '~/utils/db.server'
import { sql, type RawBuilder } from 'kysely'
import { prepared, reader } from '~/utils/query.server'
import { hasOptions, MAX_QUESTIONS, toQuestion, type QuestionDef, type QuestionInput } from './definitions'
import type { MessageKey } from '~/models/result'

/**
 * A programme's registration questions (docs/decisions/0022-registration-questions.md): the
 * organiser adds, edits, reorders and removes them. Once anyone has answered a question, what
 * it asks is locked — its type, options, scope, sensitivity and condition — and only its wording
 * may be corrected; removing it hides it and keeps its answers until retention.
 */

// the columns a question is read with, by Prisma (questionSelect) and on the query layer alike
const QUESTION_COLUMNS = [
  'id',
  'type',
  'labelZh',
  'labelEn',
  'helpZh',
  'helpEn',
  'options',
  'required',
  'scope',
  'sensitive',
  'conditionQuestionId',
  'conditionValue',
  'atDoor',
] as const
const questionSelect = Object.fromEntries(QUESTION_COLUMNS.map((column) => [column, true])) as {
  [C in (typeof QUESTION_COLUMNS)[number]]: true
}

/** The questions a programme asks now, in order: one statement, whether the programme is given or its session's. */
const askedQuestions = (programmeId: (a: { id: string }) => string | RawBuilder<string>) =>
  prepared((q, a: { id: string }) =>
    q
      .selectFrom('Question')
      .select(QUESTION_COLUMNS)
      .where('programmeId', '=', programmeId(a))
      .where('removedAt', 'is', null)
      .orderBy('position'),
  )
const askedByProgramme = askedQuestions((a) => a.id)
const askedBySession = askedQuestions((a) => sql<string>`(SELECT "programmeId" FROM "Session" WHERE "id" = ${a.id})`)

/** The questions a programme asks now, in order (on every programme page: one statement on the query layer). */
export async function questionsOf(programmeId: string): Promise<QuestionDef[]> {
  return (await askedByProgramme(reader, { id: programmeId })).rows.map(toQuestion)
}

/**
 * The questions of the programme a session belongs to (what a booking of it is asked). On the
 * booking POST, so one statement on the hot path's reader (none asked: one indexed lookup, no rows).
 */
export async function questionsForSession(sessionId: string): Promise<QuestionDef[]> {
  return (await askedBySession(reader, { id: sessionId })).rows.map(toQuestion)
}

/** Every question a programme ever asked (removed ones too: their answers still show on rosters and exports). */
export async function allQuestionsOf(programmeId: string) {
  const rows = await db.question.findMany({
    where: { programmeId },
    orderBy: { position: 'asc' },
    select: { ...questionSelect, removedAt: true, _count: { select: { answers: true } } },
  })
  return rows.map(({ removedAt, _count, ...row }) => ({ ...toQuestion(row), removedAt, answered: _count.answers > 0 }))
}
export type ManagedQuestion = Awaited<ReturnType<typeof allQuestionsOf>>[number]

type Result = { ok: true } | { ok: false; error: MessageKey }

/** A condition may only point at an earlier choice or yes/no question of the same programme, with a value it offers. */
function conditionError(input: QuestionInput, earlier: QuestionDef[]) {
  if (!input.conditionQuestionId) return null
  const on = earlier.find((q) => q.id === input.conditionQuestionId)
  if (!on || !(on.type === 'yesno' || hasOptions(on.type))) return 'questions.badCondition'
  const values = on.type === 'yesno' ? ['yes', 'no'] : on.options.map((o) => o.id)
  if (!values.includes(input.conditionValue ?? '')) return 'questions.badCondition'
  // a booking question cannot wait on one child's answer
  if (input.scope === 'booking' && on.scope === 'attendee') return 'questions.badCondition'
  return null
}

export async function addQuestion(programmeId: string, input: QuestionInput, actorId: string): Promise<Result> {
  return write(async (tx) => {
    const existing = await tx.question.findMany({
      where: { programmeId },
      orderBy: { position: 'asc' },
      select: { ...questionSelect, removedAt: true, position: true },
    })
    const active = existing.filter((q) => !q.removedAt).map(toQuestion)
    if (active.length >= MAX_QUESTIONS) return { ok: false, error: 'questions.tooMany' }
    const bad = conditionError(input, active)
    if (bad) return { ok: false, error: bad }
    const question = await tx.question.create({
      data: { ...input, options: JSON.stringify(input.options), programmeId, position: (existing.at(-1)?.position ?? 0) + 1 },
    })
    await writeAudit(tx, {
      actorId,
      action: 'question.added',
      entity: 'Question',
      entityId: question.id,
      data: { programmeId, type: input.type },
    })
    return { ok: true }
  })
}

/** Wording always; what the question asks only while nobody has answered it. */
export async function updateQuestion(programmeId: string, questionId: string, input: QuestionInput, actorId: string): Promise<Result> {
  return write(async (tx) => {
    const all = await tx.question.findMany({
      where: { programmeId, removedAt: null },
      orderBy: { position: 'asc' },
      select: questionSelect,
    })
    const index = all.findIndex((q) => q.id === questionId)
    if (index < 0) return { ok: false, error: 'errors.notFound' }
    const current = toQuestion(all[index])
    const answered = (await tx.answer.count({ where: { questionId } })) > 0
    const wording = { labelZh: input.labelZh, labelEn: input.labelEn, helpZh: input.helpZh, helpEn: input.helpEn }
    if (answered) {
      const sameMeaning =
        input.type === current.type &&
        input.scope === current.scope &&
        input.sensitive === current.sensitive &&
        input.required === current.required &&
        input.conditionQuestionId === current.conditionQuestionId &&
        input.conditionValue === current.conditionValue &&
        input.options.length === current.options.length
      if (!sameMeaning) return { ok: false, error: 'questions.locked' }
      // the options keep their ids: only their words change
      const options = current.options.map((o, i) => ({ ...o, zh: input.options[i].zh, en: input.options[i].en }))
      await tx.question.update({ where: { id: questionId }, data: { ...wording, atDoor: input.atDoor, options: JSON.stringify(options) } })
    } else {
      const bad = conditionError(input, all.slice(0, index).map(toQuestion))
      if (bad) return { ok: false, error: bad }
      await tx.question.update({ where: { id: questionId }, data: { ...input, options: JSON.stringify(input.options) } })
    }
    await writeAudit(tx, { actorId, action: 'question.changed', entity: 'Question', entityId: questionId, data: { programmeId, answered } })
    return { ok: true }
  })
}

/** One place up or down (a question never moves above the one its condition reads). */
export async function moveQuestion(programmeId: string, questionId: string, direction: 'up' | 'down', actorId: string): Promise<Result> {
  return write(async (tx) => {
    const all = await tx.question.findMany({
      where: { programmeId, removedAt: null },
      orderBy: { position: 'asc' },
      select: { id: true, position: true, conditionQuestionId: true },
    })
    const index = all.findIndex((q) => q.id === questionId)
    const other = all[direction === 'up' ? index - 1 : index + 1]
    if (index < 0 || !other) return { ok: false, error: 'errors.notFound' }
    const [first, second] = direction === 'up' ? [all[index], other] : [other, all[index]]
    if (first.conditionQuestionId === second.id) return { ok: false, error: 'questions.conditionOrder' }
    await tx.question.update({ where: { id: all[index].id }, data: { position: other.position } })
    await tx.question.update({ where: { id: other.id }, data: { position: all[index].position } })
    await writeAudit(tx, { actorId, action: 'question.moved', entity: 'Question', entityId: questionId, data: { programmeId, direction } })
    return { ok: true }
  })
}

/** Hidden from forms and pages; its answers stay (rosters, exports) until retention. */
export async function removeQuestion(programmeId: string, questionId: string, actorId: string, now = new Date()): Promise<Result> {
  return write(async (tx) => {
    const dependants = await tx.question.count({ where: { programmeId, removedAt: null, conditionQuestionId: questionId } })
    if (dependants > 0) return { ok: false, error: 'questions.hasDependants' }
    const { count } = await tx.question.updateMany({ where: { id: questionId, programmeId, removedAt: null }, data: { removedAt: now } })
    if (count === 0) return { ok: false, error: 'errors.notFound' }
    await writeAudit(tx, { actorId, action: 'question.removed', entity: 'Question', entityId: questionId, data: { programmeId } })
    return { ok: true }
  })
}
