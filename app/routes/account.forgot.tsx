import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint } from '@conform-to/zod'
import { parseForm } from '~/web/parse-form'
import { data, type ActionFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Field, FormErrors } from '~/components/ui/field'
import { requestPasswordReset } from '~/models/user/account.server'
import { forgotPasswordSchema } from '~/models/user/schemas'
import { allowMail } from '~/utils/rate-limit.server'
import { clientAddress } from '~/utils/request.server'
import { reply } from '~/web/form-reply.server'
import { pageMeta } from '~/utils/meta'

export const meta: MetaFunction = () =>
  pageMeta('忘记密码 Forgot password', '忘记密码？通过邮件链接重新设置。Forgot your password? Reset it by a mailed link.')

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseForm(await request.formData(), forgotPasswordSchema)
  if (submission.status !== 'success') return data({ result: reply(submission), sent: false }, { status: 400 })
  const email = submission.value.email.toLowerCase()
  // the same answer whether or not the address has an account, and whether or not a limit
  // stopped the mail: the page never tells who is registered
  if (await allowMail('reset-password', { account: email, client: clientAddress(context) })) {
    await requestPasswordReset(email)
  }
  return { result: reply(submission, { resetForm: true }), sent: true }
}

export default function ForgotPasswordPage() {
  const { t } = useTranslation()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(forgotPasswordSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseForm(formData, forgotPasswordSchema),
  })
  return (
    <section className="narrow">
      <h1>{t('account.forgotTitle')}</h1>
      {actionData?.sent ? (
        <p className="notice" role="status">
          {t('account.forgotSent')}
        </p>
      ) : (
        <p className="muted">{t('account.forgotIntro')}</p>
      )}
      <Form method="post" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <Field meta={fields.email} label={t('fields.email')} type="email" autoComplete="email" />
        <button type="submit" className="primary" disabled={navigation.state === 'submitting'}>
          {t('account.forgotSubmit')}
        </button>
      </Form>
      <p>
        <Link to="/login">{t('account.backToLogin')}</Link>
      </p>
    </section>
  )
}
