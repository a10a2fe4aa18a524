import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { childSchema } from '~/models/user/schemas'
import { shanghaiDay } from '~/utils/time'
import { Field, FormErrors, GENDER_OPTIONS, SelectField, TextareaField } from './ui/field'

type ChildValues = { name: string; birthDate: Date; gender: string; notes: string | null }

export function ChildForm(props: { lastResult?: SubmissionResult<string[]> | null; child?: ChildValues; intent?: string }) {
  const { t } = useTranslation()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: props.child ? 'edit-child' : 'add-child',
    lastResult: props.lastResult,
    constraint: getZodConstraint(childSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: childSchema }),
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
      <TextareaField meta={fields.notes} label={t('fields.notes')} />
      <button type="submit" className="primary" disabled={navigation.state === 'submitting'}>
        {t('fields.save')}
      </button>
    </Form>
  )
}
