import { parseForm } from '~/web/parse-form'
import type { SubmissionResult } from '@conform-to/react'
import { data, redirect, type AppLoadContext } from '@remix-run/node'
import { z } from 'zod'
import { eraseAccount } from '~/models/privacy/erase.server'
import { verifyLogin } from '~/models/user/credentials.server'
import { changePassword, requestEmailChange, resendVerification } from '~/models/user/account.server'
import { resetCalendarToken } from '~/models/mail/calendar.server'
import { setRemindersOff, updateProfile } from '~/models/user/profile.server'
import { changeEmailSchema, profileSchema } from '~/models/user/schemas'
import { serverPasswordSchemas } from '~/models/user/password-policy.server'
import { loginCookieStorage } from '~/utils/login-cookie.server'
import { allowMail } from '~/utils/rate-limit.server'
import { clientAddress } from '~/utils/request.server'
import { getLoginId, type SignedInUser } from './auth.server'
import { reply } from './form-reply.server'
import { guardPasswordAttempt } from './password-guard.server'
import { refuse } from '~/models/result'

// The profile page's forms (/me/profile): the details, the password, the address, the calendar
// feed, a new verification mail, and deleting the account — one intent each.

export type FormName = 'profile' | 'password' | 'email'
export type Reply = {
  form: FormName | null
  result?: SubmissionResult<string[]>
  done: string | null
  deleteError?: string
  error?: string
}
const deleteAccountSchema = z.object({ currentPassword: z.string().min(1).max(200), confirm: z.literal('on') })

export async function handleProfileAction(request: Request, context: AppLoadContext, user: SignedInUser) {
  const formData = await request.formData()
  const answer = (status: number, body: Reply) => data(body, { status })
  switch (formData.get('intent')) {
    case 'delete-account': {
      const parsed = deleteAccountSchema.safeParse(Object.fromEntries(formData))
      if (!parsed.success) return answer(400, { form: null, done: null, deleteError: 'account.deleteConfirm' })
      const attempt = await guardPasswordAttempt(user.email, context, () => verifyLogin(user.email, parsed.data.currentPassword))
      if (!attempt.ok) {
        return answer(attempt.error === 'auth.tooManyAttempts' ? 429 : 400, { form: null, done: null, deleteError: attempt.error })
      }
      await eraseAccount({ userId: user.id, actorId: user.id })
      // the login is gone with the account: clear the cookie and say so on the home page
      const session = await loginCookieStorage.getSession(request.headers.get('Cookie'))
      session.unset('sessionId')
      session.flash('notices', [{ key: 'account.deleted', tone: 'ok' }])
      throw redirect('/', { status: 303, headers: { 'Set-Cookie': await loginCookieStorage.commitSession(session) } })
    }
    case 'reminders-off':
      await setRemindersOff(user.id, true)
      return answer(200, { form: null, done: 'me.remindersOffDone' })
    case 'reminders-on':
      await setRemindersOff(user.id, false)
      return answer(200, { form: null, done: 'me.remindersOnDone' })
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
      const submission = parseForm(formData, serverPasswordSchemas.changePassword)
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
      if (!changed.ok && changed.error === 'auth.tooManyAttempts') {
        return answer(429, {
          form: 'password',
          result: reply(submission, { formErrors: [changed.error], hideFields }),
          done: null,
        })
      }
      if (!changed.ok) {
        return answer(400, {
          form: 'password',
          result: reply(submission, { fieldErrors: { currentPassword: [changed.error] }, hideFields }),
          done: null,
        })
      }
      return answer(200, { form: 'password', result: reply(submission, { resetForm: true }), done: 'account.passwordChanged' })
    }
    case 'change-email': {
      const submission = parseForm(formData, changeEmailSchema)
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
        return result.ok || result.error !== 'account.wrongPassword' ? result : null
      })
      if (!attempt.ok && attempt.error === 'auth.tooManyAttempts') {
        return answer(429, { form: 'email', result: reply(submission, { formErrors: [attempt.error], hideFields }), done: null })
      }
      const requested = attempt.ok ? attempt.value : refuse('account.wrongPassword')
      if (!requested.ok) {
        const field = requested.error === 'account.wrongPassword' ? 'currentPassword' : 'newEmail'
        return answer(requested.error === 'auth.emailTaken' ? 409 : 400, {
          form: 'email',
          result: reply(submission, { fieldErrors: { [field]: [requested.error] }, hideFields }),
          done: null,
        })
      }
      return answer(200, { form: 'email', result: reply(submission, { resetForm: true }), done: 'account.emailChangeSent' })
    }
    default: {
      const submission = parseForm(formData, profileSchema)
      if (submission.status !== 'success') return answer(400, { form: 'profile', result: reply(submission), done: null })
      const saved = await updateProfile(user.id, submission.value)
      if (!saved.ok)
        return answer(409, {
          form: 'profile',
          result: reply(submission, { fieldErrors: { [saved.field]: [saved.error] } }),
          done: null,
        })
      return answer(200, { form: 'profile', result: reply(submission), done: 'me.profileSaved' })
    }
  }
}
