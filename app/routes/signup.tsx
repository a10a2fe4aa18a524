import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint } from '@conform-to/zod'
import { parseForm } from '~/web/parse-form'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, redirect, useActionData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CheckboxField, Field, FormErrors, GENDER_OPTIONS, NewPasswordFields, SelectField } from '~/components/ui/field'
import { signUp } from '~/models/user/credentials.server'
import { signupSchema } from '~/models/user/schemas'
import { serverPasswordSchemas } from '~/models/user/password-policy.server'
import { getUser, startSession } from '~/web/auth.server'
import { getLanguage } from '~/utils/i18n.server'
import { reply } from '~/web/form-reply.server'
import { signupsByClient } from '~/utils/rate-limit.server'
import { clientAddress } from '~/utils/request.server'
import { pageMeta } from '~/utils/meta'

export const meta: MetaFunction = () =>
  pageMeta(
    '注册 Sign up',
    '注册康乃馨账号，为自己或孩子报名工会活动。Create an account to book union programmes for yourself or your children.',
  )

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect('/me/bookings')
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseForm(await request.formData(), serverPasswordSchemas.signup)
  const hideFields = ['password', 'confirmPassword']
  if (submission.status !== 'success') return data(reply(submission, { hideFields }), { status: 400 })
  // sign-up says when an address is taken (it signs in at once): a few tries a client, so that
  // nobody can run a list of addresses through it (docs/decisions/0016-accounts-under-attack.md)
  if (!(await signupsByClient.allow(clientAddress(context)))) {
    return data(reply(submission, { formErrors: ['auth.tooManySignups'], hideFields }), { status: 429 })
  }
  const result = await signUp(submission.value, await getLanguage(request))
  if (!result.ok) {
    // sign-up has to say the address is taken; login never says which part was wrong
    return data(reply(submission, { fieldErrors: { email: [result.error] }, hideFields }), { status: 409 })
  }
  return startSession(request, result.userId, '/me/children', [{ key: 'me.welcome', params: { name: submission.value.name }, tone: 'ok' }])
}

export default function SignupPage() {
  const { t } = useTranslation()
  const lastResult = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(signupSchema),
    shouldValidate: 'onBlur',
    // a corrected field clears its error as it is typed, not when the next tap blurs it (the
    // form would move under the finger and the tap land elsewhere)
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseForm(formData, signupSchema),
  })
  return (
    <section className="narrow">
      <h1>{t('auth.signupTitle')}</h1>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <Field meta={fields.email} label={t('fields.email')} type="email" autoComplete="email" />
        <NewPasswordFields password={fields.password} confirmPassword={fields.confirmPassword} label={t('fields.password')} />
        <Field meta={fields.name} label={t('fields.name')} autoComplete="name" />
        <Field meta={fields.phone} label={t('fields.phone')} type="tel" autoComplete="tel" />
        <SelectField meta={fields.gender} label={t('fields.gender')} options={GENDER_OPTIONS} />
        <Field meta={fields.birthDate} label={t('fields.birthDate')} type="date" autoComplete="bday" />
        <Field meta={fields.memberNo} label={t('fields.memberNo')} />
        <CheckboxField meta={fields.acceptNotice} label={t('privacy.acceptNotice')} />
        <p className="muted">
          <Link to="/privacy">{t('privacy.readNotice')}</Link>
        </p>
        <button type="submit" className="primary" disabled={navigation.state === 'submitting'}>
          {t('auth.signupSubmit')}
        </button>
      </Form>
      <p>
        {t('auth.haveAccount')} <Link to="/login">{t('nav.login')}</Link>
      </p>
    </section>
  )
}
