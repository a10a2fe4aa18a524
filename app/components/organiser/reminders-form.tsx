import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseForm } from '~/web/parse-form'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Field, FormErrors, SelectField, TextareaField } from '~/components/ui/field'
import { MAX_REMINDER_RULES, REMINDER_MEETINGS, type ReminderRule } from '~/models/reminders/rules'
import { remindersFormSchema } from '~/models/reminders/schemas'

const TYPES = ['off', 'days', 'hours'] as const

/**
 * A programme's reminders and its "what to bring" text. Three rows, each off or a rule — works
 * without JavaScript; the words above it say what a rule does, in an organiser's terms.
 */
export function RemindersForm(props: {
  rules: ReminderRule[]
  usesDefaults: boolean
  prepareZh: string
  prepareEn: string
  lastResult?: SubmissionResult<string[]> | null
}) {
  const { t } = useTranslation()
  const rows = Array.from({ length: MAX_REMINDER_RULES }, (_, i) => {
    const rule = props.rules[i]
    if (!rule) return { type: 'off', days: '1', at: '18:00', hours: '2', meetings: 'first' }
    return rule.type === 'days'
      ? { type: 'days', days: String(rule.days), at: rule.at, hours: '', meetings: rule.meetings }
      : { type: 'hours', days: '', at: '', hours: String(rule.hours), meetings: rule.meetings }
  })
  const [form, fields] = useForm({
    id: 'reminders',
    lastResult: props.lastResult,
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseForm(formData, remindersFormSchema),
    defaultValue: { prepareZh: props.prepareZh, prepareEn: props.prepareEn, rules: rows },
  })
  const r = (key: string) => t(`reminders.form.${key}`)
  return (
    <Form method="post" {...getFormProps(form)} className="panel">
      <input type="hidden" name="intent" value="reminders" />
      <p>{r('explain')}</p>
      <p className="muted">{r('explainLate')}</p>
      {props.usesDefaults ? <p className="notice">{r('defaults')}</p> : null}
      <FormErrors errors={form.errors} />
      {fields.rules.getFieldList().map((row, i) => {
        const f = row.getFieldset()
        return (
          <fieldset key={row.key} className="grid-2">
            <legend>{t('reminders.form.rule', { n: i + 1 })}</legend>
            <SelectField meta={f.type} label={r('type')} options={TYPES.map((v) => ({ value: v, label: `reminders.type.${v}` }))} />
            <SelectField
              meta={f.meetings}
              label={r('meetings')}
              options={REMINDER_MEETINGS.map((v) => ({ value: v, label: `reminders.meetings.${v}` }))}
            />
            <Field meta={f.days} label={r('days')} type="number" />
            <Field meta={f.at} label={r('at')} type="time" />
            <Field meta={f.hours} label={r('hours')} type="number" />
          </fieldset>
        )
      })}
      <TextareaField meta={fields.prepareZh} label={r('prepareZh')} hint={r('prepareHint')} />
      <TextareaField meta={fields.prepareEn} label={r('prepareEn')} />
      <button type="submit" className="primary">
        {r('save')}
      </button>
    </Form>
  )
}
