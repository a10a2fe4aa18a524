import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, type MetaFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useLang } from '~/components/hooks/use-lang'
import { ActionAnswer } from '~/components/notices'
import { localized } from '~/models/programme/constants'
import { hasOptions, QUESTION_TYPES, questionFormSchema, type QuestionDef } from '~/models/questions/definitions'
import {
  addQuestion,
  allQuestionsOf,
  moveQuestion,
  removeQuestion,
  updateQuestion,
  type ManagedQuestion,
} from '~/models/questions/questions.server'
import { pageMeta } from '~/utils/meta'
import { cuidId } from '~/utils/validation'
import { requireScopedProgramme } from '~/web/scope.server'

export const meta: MetaFunction = () =>
  pageMeta('报名问题 Registration questions', '活动报名时要问的问题。What a programme asks at booking.')

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme } = await requireScopedProgramme(request, params.programmeId)
  return { programme, questions: await allQuestionsOf(programme.id) }
}

const target = z.object({ questionId: cuidId })
const move = target.extend({ direction: z.enum(['up', 'down']) })

type Answer = { notice?: string; error?: string; form?: string; fieldErrors?: Record<string, string>; values?: Record<string, string> }

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, programme } = await requireScopedProgramme(request, params.programmeId)
  const formData = await request.formData()
  const intent = formData.get('intent')
  const refuse = (error: string, status = 409, extra: Partial<Answer> = {}) => data<Answer>({ error, ...extra }, { status })
  const done = (result: { ok: true } | { ok: false; error: string }, form?: string) =>
    result.ok ? data<Answer>({ notice: 'organiser.saved' }) : refuse(result.error, 409, { form })
  if (intent === 'add-question' || intent === 'edit-question') {
    const form = intent === 'add-question' ? 'new' : String(formData.get('questionId') ?? '')
    const parsed = questionFormSchema.safeParse(Object.fromEntries(formData))
    if (!parsed.success) {
      const fieldErrors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? ''), i.message]))
      const values = Object.fromEntries([...formData].map(([k, v]) => [k, String(v).slice(0, 3000)]))
      return refuse('errors.formHasErrors', 400, { form, fieldErrors, values })
    }
    if (intent === 'add-question') return done(await addQuestion(programme.id, parsed.data, user.id), form)
    const id = target.safeParse(Object.fromEntries(formData))
    if (!id.success) return refuse('errors.badRequest', 400)
    return done(await updateQuestion(programme.id, id.data.questionId, parsed.data, user.id), form)
  }
  if (intent === 'move-question') {
    const input = move.safeParse(Object.fromEntries(formData))
    if (!input.success) return refuse('errors.badRequest', 400)
    return done(await moveQuestion(programme.id, input.data.questionId, input.data.direction, user.id))
  }
  if (intent === 'remove-question') {
    const input = target.safeParse(Object.fromEntries(formData))
    if (!input.success) return refuse('errors.badRequest', 400)
    return done(await removeQuestion(programme.id, input.data.questionId, user.id))
  }
  return refuse('errors.badRequest', 400)
}

export default function Questions() {
  const { t } = useTranslation()
  const lang = useLang()
  const { programme, questions } = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>() as Answer | undefined
  const active = questions.filter((q) => !q.removedAt)
  return (
    <section>
      <p>
        <Link to={`/organiser/programmes/${programme.id}`}>← {localized(programme, 'title', lang)}</Link>
      </p>
      <h1>{t('questions.adminTitle')}</h1>
      <p className="hint">{t('questions.adminHint')}</p>
      {programme.allocation === 'lottery' ? <p className="form-error">{t('questions.notInLottery')}</p> : null}
      <ActionAnswer notice={answer?.notice ? t(answer.notice) : null} error={answer?.error && !answer.form ? t(answer.error) : null} />
      {active.length === 0 ? <p>{t('questions.none')}</p> : null}
      <ol className="questions-admin">
        {active.map((q, i) => (
          <li key={q.id} className="panel">
            <p>
              <strong>{lang === 'en' ? q.labelEn || q.labelZh : q.labelZh}</strong> · {t(`questions.types.${q.type}`)} ·{' '}
              {t(q.scope === 'booking' ? 'questions.scopeBooking' : 'questions.scopeAttendee')}
              {q.required ? ` · ${t('questions.requiredFlag')}` : ''}
              {q.sensitive ? ` · ${t('questions.sensitiveFlag')}` : ''}
              {q.atDoor ? ` · ${t('questions.atDoorFlag')}` : ''}
              {q.answered ? ` · ${t('questions.answeredLocked')}` : ''}
            </p>
            {hasOptions(q.type) ? <p className="hint">{q.options.map((o) => (lang === 'en' ? o.en || o.zh : o.zh)).join(' / ')}</p> : null}
            <div className="inline-forms">
              {i > 0 ? <MoveButton id={q.id} direction="up" label={t('questions.up')} name={q.labelZh} /> : null}
              {i < active.length - 1 ? <MoveButton id={q.id} direction="down" label={t('questions.down')} name={q.labelZh} /> : null}
              <Form method="post" className="inline-form">
                <input type="hidden" name="questionId" value={q.id} />
                <button
                  type="submit"
                  name="intent"
                  value="remove-question"
                  className="danger"
                  aria-label={`${t('questions.remove')} · ${q.labelZh}`}
                >
                  {t('questions.remove')}
                </button>
              </Form>
            </div>
            <details open={answer?.form === q.id}>
              <summary>{t('questions.edit')}</summary>
              <QuestionForm question={q} earlier={active.slice(0, i)} answer={answer?.form === q.id ? answer : undefined} />
            </details>
          </li>
        ))}
      </ol>
      {questions.some((q) => q.removedAt) ? (
        <p className="hint">{t('questions.removedKept', { count: questions.filter((q) => q.removedAt).length })}</p>
      ) : null}
      <h2>{t('questions.add')}</h2>
      <QuestionForm earlier={active} answer={answer?.form === 'new' ? answer : undefined} />
    </section>
  )
}

function MoveButton({ id, direction, label, name }: { id: string; direction: 'up' | 'down'; label: string; name: string }) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="questionId" value={id} />
      <input type="hidden" name="direction" value={direction} />
      <button type="submit" name="intent" value="move-question" aria-label={`${label} · ${name}`}>
        {label}
      </button>
    </Form>
  )
}

/** Add a question, or edit one (once answered, only its wording changes: the server says so). */
function QuestionForm({ question, earlier, answer }: { question?: ManagedQuestion; earlier: QuestionDef[]; answer?: Answer }) {
  const { t } = useTranslation()
  const prefix = question ? `q${question.id}` : 'new'
  const typed = answer?.values
  const value = (field: keyof QuestionDef | 'options' | 'condition', fallback: string) => typed?.[field] ?? fallback
  const flag = (field: 'required' | 'sensitive' | 'atDoor') => (typed ? typed[field] === 'on' : Boolean(question?.[field]))
  const error = (field: string) =>
    answer?.fieldErrors?.[field] ? (
      <span id={`${prefix}-${field}-error`} className="field-error" role="alert">
        {t(answer.fieldErrors[field])}
      </span>
    ) : null
  const conditions = earlier.flatMap((q) =>
    q.type === 'yesno'
      ? [
          { value: `${q.id}=yes`, text: `${q.labelZh} = ${t('questions.yes')}` },
          { value: `${q.id}=no`, text: `${q.labelZh} = ${t('questions.no')}` },
        ]
      : hasOptions(q.type)
        ? q.options.map((o) => ({ value: `${q.id}=${o.id}`, text: `${q.labelZh} = ${o.zh}` }))
        : [],
  )
  const current = question?.conditionQuestionId ? `${question.conditionQuestionId}=${question.conditionValue}` : ''
  return (
    <Form method="post" className="panel grid-2">
      {question ? <input type="hidden" name="questionId" value={question.id} /> : null}
      {answer?.error ? (
        <p className="form-error" role="alert">
          {t(answer.error)}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={`${prefix}-type`}>{t('questions.type')}</label>
        <select id={`${prefix}-type`} name="type" defaultValue={value('type', question?.type ?? 'text')}>
          {QUESTION_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`questions.types.${type}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-scope`}>{t('questions.scope')}</label>
        <select id={`${prefix}-scope`} name="scope" defaultValue={value('scope', question?.scope ?? 'attendee')}>
          <option value="attendee">{t('questions.scopeAttendee')}</option>
          <option value="booking">{t('questions.scopeBooking')}</option>
        </select>
      </div>
      {(['labelZh', 'labelEn', 'helpZh', 'helpEn'] as const).map((field) => (
        <div className="field" key={field}>
          <label htmlFor={`${prefix}-${field}`}>{t(`questions.${field}`)}</label>
          <input
            id={`${prefix}-${field}`}
            name={field}
            maxLength={field.startsWith('label') ? 200 : 500}
            required={field === 'labelZh'}
            defaultValue={value(field, question?.[field] ?? '')}
            aria-describedby={answer?.fieldErrors?.[field] ? `${prefix}-${field}-error` : undefined}
          />
          {error(field)}
        </div>
      ))}
      <div className="field">
        <label htmlFor={`${prefix}-options`}>{t('questions.options')}</label>
        <textarea
          id={`${prefix}-options`}
          name="options"
          rows={3}
          maxLength={3000}
          defaultValue={value('options', question?.options.map((o) => (o.en ? `${o.zh} | ${o.en}` : o.zh)).join('\n') ?? '')}
          aria-describedby={`${prefix}-options-hint${answer?.fieldErrors?.options ? ` ${prefix}-options-error` : ''}`}
        />
        <span id={`${prefix}-options-hint`} className="hint">
          {t('questions.optionsHint')}
        </span>
        {error('options')}
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-condition`}>{t('questions.condition')}</label>
        <select id={`${prefix}-condition`} name="condition" defaultValue={value('condition', current)}>
          <option value="">{t('questions.always')}</option>
          {conditions.map((c) => (
            <option key={c.value} value={c.value}>
              {c.text}
            </option>
          ))}
        </select>
        {error('condition')}
      </div>
      <fieldset className="field">
        <legend>{t('questions.flags')}</legend>
        {(['required', 'sensitive', 'atDoor'] as const).map((field) => (
          <label key={field} className="check">
            <input type="checkbox" name={field} defaultChecked={flag(field)} /> {t(`questions.${field}Label`)}
          </label>
        ))}
        {error('atDoor')}
      </fieldset>
      <p>
        <button type="submit" name="intent" value={question ? 'edit-question' : 'add-question'} className="primary">
          {question ? t('questions.save') : t('questions.addButton')}
        </button>
      </p>
    </Form>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
