import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint } from '@conform-to/zod'
import { parseForm } from '~/web/parse-form'
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormErrors, NewPasswordFields } from '~/components/ui/field'
import { checkResetLink, resetPassword } from '~/models/user/account.server'
import { accountLinkParam } from '~/models/user/account-link'
import { resetPasswordSchema } from '~/models/user/schemas'
import { serverPasswordSchemas } from '~/models/user/password-policy.server'
import { startSession } from '~/web/auth.server'
import { forgetPasswordGuesses } from '~/web/password-guard.server'
import { reply } from '~/web/form-reply.server'
import { pageMeta } from '~/utils/meta'
import { refuse } from '~/models/result'

export const meta: MetaFunction = () => pageMeta('设置新密码 New password')
// the link is a secret: not kept by caches, not passed on as a referrer (security headers)
export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store' })

// Opening the link changes nothing (mail scanners follow links); the form's POST spends it.
export async function loader({ params }: LoaderFunctionArgs) {
  const link = accountLinkParam.safeParse(params.token)
  const state = link.success ? await checkResetLink(link.data) : refuse('account.linkProblem.invalid')
  return data({ problem: state.ok ? null : state.error }, { status: state.ok ? 200 : 410, headers: { 'Cache-Control': 'no-store' } })
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const link = accountLinkParam.safeParse(params.token)
  const submission = parseForm(await request.formData(), serverPasswordSchemas.resetPassword)
  const hideFields = ['password', 'confirmPassword']
  if (!link.success)
    return data({ result: reply(submission, { hideFields }), problem: 'account.linkProblem.invalid' as const }, { status: 410 })
  if (submission.status !== 'success') return data({ result: reply(submission, { hideFields }), problem: null }, { status: 400 })
  const reset = await resetPassword(link.data, submission.value.password)
  if (!reset.ok) return data({ result: reply(submission, { hideFields }), problem: reset.error }, { status: 410 })
  // the owner is back in: whatever someone else's guessing counted against them is forgotten
  await forgetPasswordGuesses(reset.email, context)
  return startSession(request, reset.userId, '/me/bookings', [{ key: 'account.passwordResetDone', tone: 'ok' }])
}

export default function ResetPasswordPage() {
  const { t } = useTranslation()
  const loaderData = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(resetPasswordSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseForm(formData, resetPasswordSchema),
  })
  const problem = actionData?.problem ?? loaderData.problem
  if (problem) {
    return (
      <section className="narrow">
        <h1>{t('account.resetTitle')}</h1>
        <p className="form-error" role="alert">
          {t(problem)}
        </p>
        <p>
          <Link to="/account/forgot">{t('account.askAgain')}</Link>
        </p>
      </section>
    )
  }
  return (
    <section className="narrow">
      <h1>{t('account.resetTitle')}</h1>
      <p className="muted">{t('account.resetIntro')}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <NewPasswordFields password={fields.password} confirmPassword={fields.confirmPassword} label={t('account.newPassword')} />
        <button type="submit" className="primary" disabled={navigation.state === 'submitting'}>
          {t('account.resetSubmit')}
        </button>
      </Form>
    </section>
  )
}
