import { z } from 'zod'
import { isRealDay, optionalText, phone, requiredText } from '~/utils/validation'

/**
 * Registration questions (docs/decisions/0022-registration-questions.md): what an organiser
 * asks at booking, and how an answer is read — the one reading, for the booking form, the lottery
 * application and the change of answers. No server imports; the member's page ships only the
 * zod-free half (shared.ts).
 */

import {
  QUESTION_SCOPES,
  QUESTION_TYPES,
  MAX_OPTIONS,
  hasOptions,
  fieldName,
  isAsked,
  type QuestionDef,
  type QuestionOption,
  type QuestionScope,
  type QuestionType,
} from './shared'

export * from './shared'

const optionsSchema = z
  .array(z.object({ id: z.string().min(1).max(20), zh: z.string().max(100), en: z.string().max(100) }))
  .max(MAX_OPTIONS)

/** A question's options as stored (JSON), checked: what is not a list of options reads as none. */
export function optionsOf(json: string): QuestionOption[] {
  const parsed = optionsSchema.safeParse(JSON.parse(json || '[]'))
  return parsed.success ? parsed.data : []
}

/** A question row as stored, checked on the way out of the database (options are JSON). */
export function toQuestion(
  row: Omit<QuestionDef, 'options' | 'type' | 'scope'> & { type: string; scope: string; options: string },
): QuestionDef {
  return {
    ...row,
    type: (QUESTION_TYPES as readonly string[]).includes(row.type) ? (row.type as QuestionType) : 'text',
    scope: row.scope === 'booking' ? 'booking' : 'attendee',
    options: optionsOf(row.options),
  }
}

// the longest answer of each kind; anything longer is refused, never cut
const LIMITS: Record<QuestionType, number> = { text: 200, longtext: 2000, number: 20, choice: 20, multi: 20, yesno: 3, date: 10, phone: 30 }

/**
 * The zod schema of one answer, built from the question: the raw values a form posted for its
 * field (a list: a multiple choice posts several) → the stored text, or null when it is empty
 * and optional. Messages are i18n keys.
 */
export function answerSchema(question: QuestionDef) {
  // built once per definition (the booking POST reads the same few questions thousands of times a minute)
  const key = `${question.id} ${question.type} ${question.required} ${question.options.map((o) => o.id).join(',')}`
  let schema = schemas.get(key)
  if (!schema) {
    if (schemas.size > 5000) schemas.clear()
    schema = buildAnswerSchema(question)
    schemas.set(key, schema)
  }
  return schema
}
const schemas = new Map<string, ReturnType<typeof buildAnswerSchema>>()

function buildAnswerSchema(question: QuestionDef) {
  const offered = new Set(question.options.map((o) => o.id))
  const one = z
    .array(z.string().max(LIMITS[question.type] + 100, 'errors.tooLong'))
    .max(question.type === 'multi' ? MAX_OPTIONS : 1, 'errors.invalid')
    .transform((values) => values.map((v) => v.trim()).filter(Boolean))
  const value: z.ZodType<string> = {
    text: requiredText(LIMITS.text),
    longtext: requiredText(LIMITS.longtext),
    number: z.string().regex(/^-?\d{1,12}(\.\d{1,4})?$/, 'errors.number'),
    choice: z.string().refine((v) => offered.has(v), 'questions.notOffered'),
    multi: z.string(),
    yesno: z.enum(['yes', 'no'], { errorMap: () => ({ message: 'questions.yesOrNo' }) }),
    date: z.string().refine(isRealDay, 'errors.date'),
    phone,
  }[question.type]
  return one.transform((values, ctx): string | null => {
    if (values.length === 0) {
      if (question.required) ctx.addIssue({ code: 'custom', message: 'questions.required' })
      return null
    }
    if (question.type === 'multi') {
      const unique = [...new Set(values)]
      if (unique.some((v) => !offered.has(v))) {
        ctx.addIssue({ code: 'custom', message: 'questions.notOffered' })
        return null
      }
      return JSON.stringify(question.options.map((o) => o.id).filter((id) => unique.includes(id)))
    }
    const parsed = value.safeParse(values[0])
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: parsed.error.issues[0]?.message ?? 'errors.invalid' })
      return null
    }
    return parsed.data
  })
}

export type AnswerRow = { questionId: string; attendee: string; value: string }
export type AnswerErrors = Record<string, string>

/**
 * Every answer of a booking form: for each attendee (a child's id, or "self") the attendee
 * questions, and the booking questions once — conditions resolved on the server (with scripts
 * off the form shows every question; an answer to a question not asked is dropped). Errors by
 * field name; nothing is kept unless all are valid.
 */
export function readAnswers(
  questions: QuestionDef[],
  attendees: string[],
  valuesOf: (field: string) => string[],
): { ok: true; rows: AnswerRow[] } | { ok: false; errors: AnswerErrors } {
  const errors: AnswerErrors = {}
  const rows: AnswerRow[] = []
  const bookingAnswers = new Map<string, string | null>()
  const readFor = (attendee: string, scope: QuestionScope, known: Map<string, string | null>) => {
    for (const question of questions) {
      if (question.scope !== scope) continue
      const answerOf = (id: string) => known.get(id) ?? bookingAnswers.get(id) ?? null
      if (!isAsked(question, answerOf)) continue
      const field = fieldName(question, attendee)
      const parsed = answerSchema(question).safeParse(valuesOf(field))
      if (!parsed.success) {
        errors[field] = parsed.error.issues[0]?.message ?? 'errors.invalid'
        continue
      }
      known.set(question.id, parsed.data)
      if (parsed.data !== null) rows.push({ questionId: question.id, attendee: scope === 'booking' ? '*' : attendee, value: parsed.data })
    }
  }
  readFor('*', 'booking', bookingAnswers)
  for (const attendee of attendees) readFor(attendee, 'attendee', new Map())
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, rows }
}

/** The organiser's form for one question (add or edit). Options: one a line, "中文 | English". */
export const questionFormSchema = z
  .object({
    type: z.enum(QUESTION_TYPES, { errorMap: () => ({ message: 'errors.invalid' }) }),
    labelZh: requiredText(200),
    labelEn: optionalText(200),
    helpZh: optionalText(500),
    helpEn: optionalText(500),
    options: optionalText(3000),
    required: z.literal('on').optional(),
    scope: z.enum(QUESTION_SCOPES, { errorMap: () => ({ message: 'errors.invalid' }) }),
    sensitive: z.literal('on').optional(),
    atDoor: z.literal('on').optional(),
    condition: optionalText(60),
  })
  .transform((v, ctx) => {
    const lines = (v.options ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
    if (hasOptions(v.type) && lines.length < 2) ctx.addIssue({ code: 'custom', path: ['options'], message: 'questions.twoOptions' })
    if (lines.length > MAX_OPTIONS) ctx.addIssue({ code: 'custom', path: ['options'], message: 'questions.tooManyOptions' })
    if (lines.some((line) => line.length > 150)) ctx.addIssue({ code: 'custom', path: ['options'], message: 'errors.tooLong' })
    if (v.sensitive && v.atDoor) ctx.addIssue({ code: 'custom', path: ['atDoor'], message: 'questions.sensitiveNotAtDoor' })
    // "<questionId>=<value>": ask only when that question was answered so
    const condition = v.condition ? /^([a-z0-9]{20,32})=([a-z0-9-]{1,20})$/i.exec(v.condition) : null
    if (v.condition && !condition) ctx.addIssue({ code: 'custom', path: ['condition'], message: 'errors.invalid' })
    return {
      type: v.type,
      labelZh: v.labelZh,
      labelEn: v.labelEn ?? '',
      helpZh: v.helpZh ?? '',
      helpEn: v.helpEn ?? '',
      options: hasOptions(v.type)
        ? lines.map((line, i) => {
            const [zh, en] = line.split('|').map((part) => part.trim())
            return { id: `o${i + 1}`, zh, en: en ?? '' }
          })
        : [],
      required: v.required === 'on',
      scope: v.scope,
      sensitive: v.sensitive === 'on',
      atDoor: v.atDoor === 'on',
      conditionQuestionId: condition?.[1] ?? null,
      conditionValue: condition?.[2] ?? null,
    }
  })
export type QuestionInput = z.output<typeof questionFormSchema>
