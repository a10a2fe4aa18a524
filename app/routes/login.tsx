import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint } from '@conform-to/zod'
import { parseForm } from '~/web/parse-form'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, redirect, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Field, FormErrors } from '~/components/ui/field'
import { verifyLogin } from '~/models/user/credentials.server'
import { loginSchema } from '~/models/user/schemas'
import { getUser, startSession } from '~/web/auth.server'
import { safeRedirect } from '~/utils/safe-redirect'
import { guardPasswordAttempt } from '~/web/password-guard.server'
import { reply } from '~/web/form-reply.server'
import { pageMeta } from '~/utils/meta'

export const meta: MetaFunction = () =>
  pageMeta('登录 Log in', '登录康乃馨，查看和管理您与孩子的报名。Log in to see and manage your and your children’s bookings.')

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect('/me/bookings')
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseForm(await request.formData(), loginSchema)
  if (submission.status !== 'success') {
    return data({ result: reply(submission, { hideFields: ['password'] }), error: null }, { status: 400 })
  }
  const { email, password, redirectTo } = submission.value
  // server-only refusals travel beside the conform reply: a reply carrying form errors would
  // keep conform from submitting the corrected form again
  const attempt = await guardPasswordAttempt(email, context, () => verifyLogin(email, password), 'auth.invalidCredentials')
  if (!attempt.ok) {
    return data(
      { result: reply(submission, { hideFields: ['password'] }), error: attempt.error },
      { status: attempt.error === 'auth.tooManyAttempts' ? 429 : 400 },
    )
  }
  const user = attempt.value
  return startSession(request, user.id, safeRedirect(redirectTo, '/me/bookings'))
}

export default function LoginPage() {
  const { t } = useTranslation()
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(loginSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseForm(formData, loginSchema),
  })
  return (
    <section className="narrow">
      <h1>{t('auth.loginTitle')}</h1>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors errors={actionData?.error ? [actionData.error] : form.errors} />
        <input type="hidden" name="redirectTo" value={safeRedirect(searchParams.get('redirectTo'), '')} />
        <Field meta={fields.email} label={t('fields.email')} type="email" autoComplete="email" />
        <Field meta={fields.password} label={t('fields.password')} type="password" autoComplete="current-password" />
        <button type="submit" className="primary" disabled={navigation.state === 'submitting'}>
          {t('auth.loginSubmit')}
        </button>
      </Form>
      <p>
        <Link to="/account/forgot">{t('account.forgotLink')}</Link>
      </p>
      <p>
        {t('auth.noAccount')} <Link to="/signup">{t('nav.signup')}</Link>
      </p>
    </section>
  )
}
