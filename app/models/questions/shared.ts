// The zod-free half of registration questions (definitions.ts), small enough for the member's page.

export const QUESTION_TYPES = ['text', 'longtext', 'number', 'choice', 'multi', 'yesno', 'date', 'phone'] as const
export type QuestionType = (typeof QUESTION_TYPES)[number]
export const QUESTION_SCOPES = ['attendee', 'booking'] as const
export type QuestionScope = (typeof QUESTION_SCOPES)[number]
export const MAX_QUESTIONS = 20
export const MAX_OPTIONS = 20

export type QuestionOption = { id: string; zh: string; en: string }
export type QuestionDef = {
  id: string
  type: QuestionType
  labelZh: string
  labelEn: string
  helpZh: string
  helpEn: string
  options: QuestionOption[]
  required: boolean
  scope: QuestionScope
  sensitive: boolean
  conditionQuestionId: string | null
  conditionValue: string | null
  atDoor: boolean
}

export const hasOptions = (type: QuestionType) => type === 'choice' || type === 'multi'

/** The form field of a question, for one attendee (a child's id, or "self") or the whole booking. */
export function fieldName(question: Pick<QuestionDef, 'id' | 'scope'>, attendee: string) {
  return question.scope === 'booking' ? `q_${question.id}` : `q_${question.id}_${attendee}`
}

/** A stored answer as the values its form field posts (a multiple choice: its list). */
export const answerValues = (value: string): string[] => (value.startsWith('[') ? (JSON.parse(value) as string[]) : [value])

/** The form field an answer row belongs to ("*": the booking's). */
export const fieldOfRow = (row: { questionId: string; attendee: string }) =>
  fieldName({ id: row.questionId, scope: row.attendee === '*' ? 'booking' : 'attendee' }, row.attendee)

/** Whether a question is asked, given the answers so far (its condition's question answered with its value). */
export function isAsked(question: QuestionDef, answerOf: (questionId: string) => string | null) {
  if (!question.conditionQuestionId) return true
  const answer = answerOf(question.conditionQuestionId)
  if (answer === null) return false
  if (answer.startsWith('[')) return (JSON.parse(answer) as string[]).includes(question.conditionValue ?? '')
  return answer === question.conditionValue
}

/** An answer as people read it: the option's words, 是/否, a list joined. */
export function answerText(question: { type: string; options: QuestionDef['options'] }, value: string, lang: 'zh-CN' | 'en') {
  const word = (id: string) => {
    const option = question.options.find((o) => o.id === id)
    return option ? (lang === 'en' ? option.en || option.zh : option.zh) : id
  }
  if (question.type === 'yesno') return lang === 'en' ? (value === 'yes' ? 'Yes' : 'No') : value === 'yes' ? '是' : '否'
  if (question.type === 'choice') return word(value)
  if (question.type === 'multi') {
    try {
      return (JSON.parse(value) as string[]).map(word).join(lang === 'en' ? ', ' : '、')
    } catch {
      return value
    }
  }
  return value
}
