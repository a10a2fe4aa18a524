import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint } from '@conform-to/zod'
import { parseForm } from '~/web/parse-form'
import { Form, Link, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { childSchema } from '~/models/user/schemas'
import { shanghaiDay } from '~/utils/time'
import { CheckboxField, Field, FormErrors, GENDER_OPTIONS, SelectField, TextareaField } from './ui/field'

type ChildValues = { name: string; birthDate: Date; gender: string; notes: string | null }

export function ChildForm(props: {
  lastResult?: SubmissionResult<string[]> | null
  child?: ChildValues
  /** the separate consents already on record for this child (none for a new one) */
  consents?: { childData: boolean; healthNotes: boolean }
  intent?: string
}) {
  const { t } = useTranslation()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: props.child ? 'edit-child' : 'add-child',
    lastResult: props.lastResult,
    constraint: getZodConstraint(childSchema),
    shouldValidate: 'onBlur',
    // a corrected field clears its error as it is typed, not when the next tap blurs it (the
    // form would move under the finger and the tap land elsewhere)
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseForm(formData, childSchema),
    defaultValue: props.child
      ? { ...props.child, birthDate: shanghaiDay(props.child.birthDate), notes: props.child.notes ?? '' }
      : undefined,
  })
  return (
    <Form method="post" {...getFormProps(form)} className="panel">
      <FormErrors errors={form.errors} />
      {props.intent ? <input type="hidden" name="intent" value={props.intent} /> : null}
      <Field meta={fields.name} label={t('fields.childName')} />
      <Field meta={fields.birthDate} label={t('fields.birthDate')} type="date" />
      <SelectField meta={fields.gender} label={t('fields.gender')} options={GENDER_OPTIONS} />
      <TextareaField meta={fields.notes} label={t('fields.notes')} hint={t('privacy.notesHint')} />
      {props.consents?.childData ? null : <CheckboxField meta={fields.consentChild} label={t('privacy.consentChild')} />}
      {props.consents?.healthNotes ? null : <CheckboxField meta={fields.consentHealth} label={t('privacy.consentHealth')} />}
      <p className="muted">
        <Link to="/privacy">{t('privacy.readNotice')}</Link>
      </p>
      <button type="submit" className="primary" disabled={navigation.state === 'submitting'}>
        {t('fields.save')}
      </button>
    </Form>
  )
}
