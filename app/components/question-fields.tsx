import { useTranslation } from 'react-i18next'
import { useLang } from '~/components/hooks/use-lang'
import { fieldName, type QuestionDef } from '~/models/questions/shared'

export type QuestionFormState = {
  /** what was typed (a refused form comes back as it was) or earlier answers offered again */
  values: Record<string, string[]>
  errors: Record<string, string>
  /** fields whose earlier (sensitive) answer may be reused with a tick */
  reusable: string[]
}

const label = (q: QuestionDef, lang: string) => (lang === 'en' ? q.labelEn || q.labelZh : q.labelZh)
const help = (q: QuestionDef, lang: string) => (lang === 'en' ? q.helpEn || q.helpZh : q.helpZh)

/**
 * A programme's questions for one attendee (a child's id, or "self") or for the booking ("*"),
 * as plain form fields: they post without JavaScript. A conditional question says when it is
 * asked; with scripts on, `hidden` holds the ones not asked now.
 */
export function QuestionFields({
  questions,
  attendee,
  state,
  hidden,
  all,
}: {
  questions: QuestionDef[]
  attendee: string
  state: QuestionFormState
  hidden?: Set<string>
  /** every question of the programme (a condition names another) */
  all: QuestionDef[]
}) {
  const { t } = useTranslation()
  const lang = useLang()
  return (
    <>
      {questions.map((q) => {
        const name = fieldName(q, attendee)
        const values = state.values[name] ?? []
        const error = state.errors[name]
        const errorId = `${name}-error`
        const helpId = `${name}-help`
        const on = q.conditionQuestionId ? all.find((x) => x.id === q.conditionQuestionId) : null
        const when = on
          ? t('questions.askedWhen', {
              question: label(on, lang),
              answer:
                on.type === 'yesno'
                  ? t(q.conditionValue === 'yes' ? 'questions.yes' : 'questions.no')
                  : (on.options.find((o) => o.id === q.conditionValue)?.[lang === 'en' ? 'en' : 'zh'] ?? ''),
            })
          : ''
        const described = [help(q, lang) || when ? helpId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined
        const title = (
          <>
            {label(q, lang)}
            {q.required ? <span className="required"> {t('questions.requiredMark')}</span> : null}
          </>
        )
        const common = { name, 'aria-describedby': described, 'aria-invalid': error ? true : undefined }
        const hint =
          help(q, lang) || when ? (
            <span id={helpId} className="hint">
              {[help(q, lang), when].filter(Boolean).join(' ')}
            </span>
          ) : null
        const problem = error ? (
          <span id={errorId} className="field-error" role="alert">
            {t(error)}
          </span>
        ) : null
        const reuse = state.reusable.includes(name) ? (
          <label className="check">
            <input type="checkbox" name={`reuse_${name}`} defaultChecked={(state.values[`reuse_${name}`] ?? []).includes('on')} />{' '}
            {t('questions.reuse')}
          </label>
        ) : null
        if (q.type === 'choice' || q.type === 'multi' || q.type === 'yesno') {
          const options =
            q.type === 'yesno'
              ? [
                  { id: 'yes', text: t('questions.yes') },
                  { id: 'no', text: t('questions.no') },
                ]
              : q.options.map((o) => ({ id: o.id, text: lang === 'en' ? o.en || o.zh : o.zh }))
          return (
            <fieldset key={name} className="field question" hidden={hidden?.has(name)} aria-describedby={described}>
              <legend>{title}</legend>
              {hint}
              {options.map((o) => (
                <label key={o.id} className="check">
                  <input type={q.type === 'multi' ? 'checkbox' : 'radio'} name={name} value={o.id} defaultChecked={values.includes(o.id)} />{' '}
                  {o.text}
                </label>
              ))}
              {reuse}
              {problem}
            </fieldset>
          )
        }
        return (
          <div key={name} className="field question" hidden={hidden?.has(name)}>
            <label htmlFor={name}>{title}</label>
            {hint}
            {q.type === 'longtext' ? (
              <textarea id={name} {...common} rows={3} maxLength={2000} defaultValue={values[0] ?? ''} />
            ) : (
              <input
                id={name}
                {...common}
                type={q.type === 'date' ? 'date' : q.type === 'phone' ? 'tel' : 'text'}
                inputMode={q.type === 'number' ? 'decimal' : undefined}
                maxLength={q.type === 'phone' ? 30 : q.type === 'number' ? 20 : 200}
                autoComplete={q.type === 'phone' ? 'tel' : 'off'}
                defaultValue={values[0] ?? ''}
              />
            )}
            {reuse}
            {problem}
          </div>
        )
      })}
    </>
  )
}
