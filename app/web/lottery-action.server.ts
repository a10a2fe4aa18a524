import { parseForm } from '~/web/parse-form'
import { data } from '@remix-run/node'
import type { SignedInUser } from '~/web/auth.server'
import { redirectWithNotices, type Notice } from '~/web/flash.server'
import { applyToLottery, withdrawFromLottery } from '~/models/lottery/entries.server'
import { lotteryActionSchema, rankedChoices } from '~/models/lottery/schemas'
import { readAnswers, type AnswerRow } from '~/models/questions/definitions'
import { questionsOf } from '~/models/questions/questions.server'
import { typedFields } from '~/models/questions/answers.server'

/** The lottery forms of a programme page: apply (or change the application), withdraw. */
export async function handleLotteryAction(formData: FormData, request: Request, user: SignedInUser, programmeId: string) {
  const submission = parseForm(formData, lotteryActionSchema)
  if (submission.status !== 'success') {
    const key = submission.error?.choice1 ? 'lottery.choices' : 'errors.badRequest'
    return data({ notices: [{ key, tone: 'error' }] as Notice[] }, { status: 400 })
  }
  const action = submission.value
  if (action.intent === 'withdraw') {
    const result = await withdrawFromLottery({ userId: user.id, programmeId })
    if (!result.ok) return data({ notices: [{ key: result.error, tone: 'error' }] as Notice[] }, { status: 409 })
    return redirectWithNotices(request, new URL(request.url).pathname, [{ key: 'lottery.withdrawn', tone: 'ok' }])
  }
  // the programme's questions, read as the booking form's are (the draw's bookings keep the answers)
  const questions = await questionsOf(programmeId)
  let answers: AnswerRow[] | undefined
  if (questions.length > 0) {
    const tokens = action.childId?.length ? action.childId : ['self']
    const read = readAnswers(questions, tokens, (field) => formData.getAll(field).map(String))
    if (!read.ok) {
      return data(
        {
          notices: [{ key: 'errors.formHasErrors', tone: 'error' }] as Notice[],
          answers: { sessionId: 'lottery', errors: read.errors, values: typedFields(formData) },
        },
        { status: 400 },
      )
    }
    answers = read.rows
  }
  const result = await applyToLottery({
    userId: user.id,
    programmeId,
    childIds: action.childId ?? [],
    choices: rankedChoices(action),
    together: action.together,
    answers,
  })
  if (result.ok) {
    const notice: Notice = { key: result.edited ? 'lottery.updated' : 'lottery.applied', params: { code: result.code }, tone: 'ok' }
    return redirectWithNotices(request, new URL(request.url).pathname, [notice])
  }
  const notices: Notice[] =
    'refusals' in result
      ? result.refusals.map((r) => ({ key: result.error, params: { name: r.name || '—' }, reason: r.reason, tone: 'error' }))
      : [{ key: result.error, tone: 'error' }]
  return data({ notices }, { status: 'refusals' in result ? 409 : 400 })
}
