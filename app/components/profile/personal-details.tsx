import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint } from '@conform-to/zod'
import { parseForm } from '~/web/parse-form'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Field, FormErrors, GENDER_OPTIONS, SelectField } from '~/components/ui/field'
import { profileSchema } from '~/models/user/schemas'
import { shanghaiDay } from '~/utils/time'

type Profile = {
  name: string
  email: string
  phone: string | null
  gender: string | null
  birthDate: Date | null
  memberNo: string | null
  memberVerifiedAt: Date | null
}

/** The address and whether it is confirmed; if not, a button that sends the link again. */
export function EmailVerification(props: { email: string; verified: boolean; busy: boolean }) {
  const { t } = useTranslation()
  return (
    <>
      <p>
        {props.email} ·{' '}
        {props.verified ? <span className="muted">{t('account.verified')}</span> : <strong>{t('account.notVerified')}</strong>}
      </p>
      {props.verified ? null : (
        <Form method="post">
          <p className="muted">{t('account.mailWaits')}</p>
          <button type="submit" name="intent" value="resend-verification" disabled={props.busy}>
            {t('account.resend')}
          </button>
        </Form>
      )}
    </>
  )
}

/** Name, phone, gender, birth date and member number: checked in the browser and again on the server. */
export function PersonalDetailsForm({
  profile,
  lastResult,
  busy,
}: {
  profile: Profile
  lastResult?: SubmissionResult<string[]>
  busy: boolean
}) {
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'profile',
    lastResult,
    constraint: getZodConstraint(profileSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseForm(formData, profileSchema),
    defaultValue: {
      ...profile,
      birthDate: profile.birthDate ? shanghaiDay(profile.birthDate) : '',
      memberNo: profile.memberNo ?? '',
      phone: profile.phone ?? '',
      gender: profile.gender ?? '',
    },
  })
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors errors={form.errors} />
      <Field meta={fields.name} label={t('fields.name')} autoComplete="name" />
      <Field meta={fields.phone} label={t('fields.phone')} type="tel" autoComplete="tel" />
      <SelectField meta={fields.gender} label={t('fields.gender')} options={GENDER_OPTIONS} />
      <Field meta={fields.birthDate} label={t('fields.birthDate')} type="date" />
      <Field
        meta={fields.memberNo}
        label={t('fields.memberNo')}
        hint={profile.memberNo ? t(profile.memberVerifiedAt ? 'account.memberVerified' : 'account.memberPending') : undefined}
      />
      <button type="submit" className="primary" disabled={busy}>
        {t('fields.save')}
      </button>
    </Form>
  )
}
