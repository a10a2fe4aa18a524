import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { eraseAccount } from '~/models/privacy/erase.server'
import { verifyLogin } from '~/models/user/credentials.server'
import { loginCookieStorage } from '~/utils/login-cookie.server'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Field, FormErrors, GENDER_OPTIONS, NewPasswordFields, SelectField } from '~/components/ui/field'
import { getCalendarToken, resetCalendarToken } from '~/models/mail/calendar.server'
import { changePassword, requestEmailChange, resendVerification } from '~/models/user/account.server'
import { getProfile, updateProfile } from '~/models/user/profile.server'
import { changeEmailSchema, changePasswordSchema, profileSchema } from '~/models/user/schemas'
import { refusingCommonPasswords } from '~/models/user/password-policy.server'
import { getLoginId, requireUser } from '~/web/auth.server'
import { allowMail } from '~/utils/rate-limit.server'
import { guardPasswordAttempt } from '~/web/password-guard.server'
import { clientAddress } from '~/utils/request.server'
import { appUrl } from '~/utils/signed-link.server'
import { shanghaiDay } from '~/utils/time'
import { reply } from '~/web/form-reply.server'
import { ActionAnswer } from '~/components/notices'

type FormName = 'profile' | 'password' | 'email'
const changePasswordServerSchema = refusingCommonPasswords(changePasswordSchema)
type Reply = { form: FormName | null; result?: SubmissionResult<string[]>; done: string | null; deleteError?: string; error?: string }
const deleteAccountSchema = z.object({ currentPassword: z.string().min(1).max(200), confirm: z.literal('on') })

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const [profile, { calendarToken }] = await Promise.all([getProfile(user.id), getCalendarToken(user.id)])
  return { profile, feedUrl: appUrl(`/calendar/${calendarToken}.ics`) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const formData = await request.formData()
  const answer = (status: number, body: Reply) => data(body, { status })
  switch (formData.get('intent')) {
    case 'delete-account': {
      const parsed = deleteAccountSchema.safeParse(Object.fromEntries(formData))
      if (!parsed.success) return answer(400, { form: null, done: null, deleteError: 'account.deleteConfirm' })
      const attempt = await guardPasswordAttempt(user.email, context, () => verifyLogin(user.email, parsed.data.currentPassword))
      if (!attempt.ok) {
        const tooMany = attempt.reason === 'too-many'
        return answer(tooMany ? 429 : 400, {
          form: null,
          done: null,
          deleteError: tooMany ? 'auth.tooManyAttempts' : 'account.wrongPassword',
        })
      }
      await eraseAccount({ userId: user.id, actorId: user.id })
      // the login is gone with the account: clear the cookie and say so on the home page
      const session = await loginCookieStorage.getSession(request.headers.get('Cookie'))
      session.unset('sessionId')
      session.flash('notices', [{ key: 'account.deleted', tone: 'ok' }])
      throw redirect('/', { status: 303, headers: { 'Set-Cookie': await loginCookieStorage.commitSession(session) } })
    }
    case 'reset-calendar':
      await resetCalendarToken(user.id)
      return answer(200, { form: null, done: 'me.calendarReset' })
    case 'resend-verification': {
      if (!(await allowMail('verify-email', { account: user.id, client: clientAddress(context) }))) {
        return answer(429, { form: null, done: null, error: 'errors.tooManyMails' })
      }
      const { sent } = await resendVerification(user.id)
      return answer(200, { form: null, done: sent ? 'account.verificationResent' : 'account.alreadyVerified' })
    }
    case 'change-password': {
      const submission = parseWithZod(formData, { schema: changePasswordServerSchema })
      const hideFields = ['currentPassword', 'password', 'confirmPassword']
      if (submission.status !== 'success') return answer(400, { form: 'password', result: reply(submission, { hideFields }), done: null })
      // the current password is a login: guessing it here counts against the same limits
      const keepLoginId = await getLoginId(request)
      const changed = await guardPasswordAttempt(user.email, context, async () => {
        const result = await changePassword({
          userId: user.id,
          keepLoginId,
          current: submission.value.currentPassword,
          next: submission.value.password,
        })
        return result.ok ? result : null
      })
      if (!changed.ok && changed.reason === 'too-many') {
        return answer(429, {
          form: 'password',
          result: reply(submission, { formErrors: ['auth.tooManyAttempts'], hideFields }),
          done: null,
        })
      }
      if (!changed.ok) {
        return answer(400, {
          form: 'password',
          result: reply(submission, { fieldErrors: { currentPassword: ['account.wrongPassword'] }, hideFields }),
          done: null,
        })
      }
      return answer(200, { form: 'password', result: reply(submission, { resetForm: true }), done: 'account.passwordChanged' })
    }
    case 'change-email': {
      const submission = parseWithZod(formData, { schema: changeEmailSchema })
      const hideFields = ['currentPassword']
      if (submission.status !== 'success') return answer(400, { form: 'email', result: reply(submission, { hideFields }), done: null })
      // a mail to an address of the requester's choosing: limited like every mail sent on request
      if (!(await allowMail('change-email', { account: user.id, client: clientAddress(context) }))) {
        return answer(429, { form: 'email', result: reply(submission, { formErrors: ['errors.tooManyMails'], hideFields }), done: null })
      }
      const attempt = await guardPasswordAttempt(user.email, context, async () => {
        const result = await requestEmailChange({
          userId: user.id,
          password: submission.value.currentPassword,
          newEmail: submission.value.newEmail,
        })
        return result.ok || result.problem !== 'wrong-password' ? result : null
      })
      if (!attempt.ok && attempt.reason === 'too-many') {
        return answer(429, { form: 'email', result: reply(submission, { formErrors: ['auth.tooManyAttempts'], hideFields }), done: null })
      }
      const requested = attempt.ok ? attempt.value : ({ ok: false, problem: 'wrong-password' } as const)
      if (!requested.ok) {
        const field = requested.problem === 'wrong-password' ? 'currentPassword' : 'newEmail'
        const message = { 'wrong-password': 'account.wrongPassword', same: 'account.sameEmail', taken: 'auth.emailTaken' }[
          requested.problem
        ]
        return answer(requested.problem === 'taken' ? 409 : 400, {
          form: 'email',
          result: reply(submission, { fieldErrors: { [field]: [message] }, hideFields }),
          done: null,
        })
      }
      return answer(200, { form: 'email', result: reply(submission, { resetForm: true }), done: 'account.emailChangeSent' })
    }
    default: {
      const submission = parseWithZod(formData, { schema: profileSchema })
      if (submission.status !== 'success') return answer(400, { form: 'profile', result: reply(submission), done: null })
      const saved = await updateProfile(user.id, submission.value)
      if (!saved.ok)
        return answer(409, {
          form: 'profile',
          result: reply(submission, { fieldErrors: { [saved.field]: ['errors.factLocked'] } }),
          done: null,
        })
      return answer(200, { form: 'profile', result: reply(submission), done: 'me.profileSaved' })
    }
  }
}

export default function ProfilePage() {
  const { t } = useTranslation()
  const { profile, feedUrl } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  const resultOf = (name: FormName) => (actionData?.form === name ? actionData.result : undefined)
  const [form, fields] = useForm({
    id: 'profile',
    lastResult: resultOf('profile'),
    constraint: getZodConstraint(profileSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: profileSchema }),
    defaultValue: {
      ...profile,
      birthDate: profile.birthDate ? shanghaiDay(profile.birthDate) : '',
      memberNo: profile.memberNo ?? '',
      phone: profile.phone ?? '',
      gender: profile.gender ?? '',
    },
  })
  const [passwordForm, passwordFields] = useForm({
    id: 'password',
    lastResult: resultOf('password'),
    constraint: getZodConstraint(changePasswordSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: changePasswordSchema }),
  })
  const [emailForm, emailFields] = useForm({
    id: 'email',
    lastResult: resultOf('email'),
    constraint: getZodConstraint(changeEmailSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: changeEmailSchema }),
  })
  return (
    <section className="narrow">
      <h1>{t('me.profileTitle')}</h1>
      <ActionAnswer notice={actionData?.done ? t(actionData.done) : null} error={actionData?.error ? t(actionData.error) : null} />
      <p>
        {profile.email} ·{' '}
        {profile.emailVerifiedAt ? <span className="muted">{t('account.verified')}</span> : <strong>{t('account.notVerified')}</strong>}
      </p>
      {profile.emailVerifiedAt ? null : (
        <Form method="post">
          <p className="muted">{t('account.mailWaits')}</p>
          <button type="submit" name="intent" value="resend-verification" disabled={busy}>
            {t('account.resend')}
          </button>
        </Form>
      )}
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

      <h2>{t('account.changePasswordTitle')}</h2>
      <Form method="post" {...getFormProps(passwordForm)}>
        <input type="hidden" name="intent" value="change-password" />
        <FormErrors errors={passwordForm.errors} />
        <Field meta={passwordFields.currentPassword} label={t('account.currentPassword')} type="password" autoComplete="current-password" />
        <NewPasswordFields
          password={passwordFields.password}
          confirmPassword={passwordFields.confirmPassword}
          label={t('account.newPassword')}
        />
        <button type="submit" disabled={busy}>
          {t('account.changePasswordSubmit')}
        </button>
      </Form>

      <h2>{t('account.changeEmailTitle')}</h2>
      <p className="muted">{t('account.changeEmailIntro')}</p>
      <Form method="post" {...getFormProps(emailForm)}>
        <input type="hidden" name="intent" value="change-email" />
        <FormErrors errors={emailForm.errors} />
        <Field meta={emailFields.newEmail} label={t('account.newEmail')} type="email" autoComplete="email" />
        <Field meta={emailFields.currentPassword} label={t('account.currentPassword')} type="password" autoComplete="current-password" />
        <button type="submit" disabled={busy}>
          {t('account.changeEmailSubmit')}
        </button>
      </Form>

      <h2 id="my-data">{t('account.myDataTitle')}</h2>
      <p className="muted">{t('account.myDataIntro')}</p>
      <p>
        <a href="/me/data.json" download>
          {t('account.downloadJson')}
        </a>{' '}
        ·{' '}
        <a href="/me/data.zip" download>
          {t('account.downloadCsv')}
        </a>
      </p>

      <h2>{t('me.calendarTitle')}</h2>
      <p className="muted">{t('me.calendarIntro')}</p>
      <p>
        <input readOnly value={feedUrl} aria-label={t('me.calendarTitle')} />
      </p>
      <Form method="post">
        <button type="submit" name="intent" value="reset-calendar" className="danger">
          {t('me.calendarResetButton')}
        </button>
      </Form>

      <h2 id="delete">{t('account.deleteTitle')}</h2>
      <p className="muted">{t('account.deleteIntro')}</p>
      <Form method="post" className="panel">
        {actionData?.deleteError ? (
          <p className="form-error" role="alert">
            {t(actionData.deleteError)}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="delete-password">{t('account.currentPassword')}</label>
          <input id="delete-password" name="currentPassword" type="password" autoComplete="current-password" required maxLength={200} />
        </div>
        <div className="field field-checkbox">
          <label htmlFor="delete-confirm">
            <input id="delete-confirm" name="confirm" type="checkbox" value="on" required /> {t('account.deleteConfirm')}
          </label>
        </div>
        <button type="submit" name="intent" value="delete-account" className="danger">
          {t('account.deleteSubmit')}
        </button>
      </Form>
    </section>
  )
}
