import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint } from '@conform-to/zod'
import { parseForm } from '~/web/parse-form'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Field, FormErrors, NewPasswordFields } from '~/components/ui/field'
import { changeEmailSchema, changePasswordSchema } from '~/models/user/schemas'

// The account's own forms on the profile page (app/web/profile-action.server.ts answers them):
// each works without JavaScript, and with it validates as it is filled in.

type FormProps = { lastResult: SubmissionResult<string[]> | undefined; busy: boolean }

export function ChangePasswordForm({ lastResult, busy }: FormProps) {
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'password',
    lastResult,
    constraint: getZodConstraint(changePasswordSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseForm(formData, changePasswordSchema),
  })
  return (
    <>
      <h2>{t('account.changePasswordTitle')}</h2>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="change-password" />
        <FormErrors errors={form.errors} />
        <Field meta={fields.currentPassword} label={t('account.currentPassword')} type="password" autoComplete="current-password" />
        <NewPasswordFields password={fields.password} confirmPassword={fields.confirmPassword} label={t('account.newPassword')} />
        <button type="submit" disabled={busy}>
          {t('account.changePasswordSubmit')}
        </button>
      </Form>
    </>
  )
}

export function ChangeEmailForm({ lastResult, busy }: FormProps) {
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'email',
    lastResult,
    constraint: getZodConstraint(changeEmailSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseForm(formData, changeEmailSchema),
  })
  return (
    <>
      <h2>{t('account.changeEmailTitle')}</h2>
      <p className="muted">{t('account.changeEmailIntro')}</p>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="change-email" />
        <FormErrors errors={form.errors} />
        <Field meta={fields.newEmail} label={t('account.newEmail')} type="email" autoComplete="email" />
        <Field meta={fields.currentPassword} label={t('account.currentPassword')} type="password" autoComplete="current-password" />
        <button type="submit" disabled={busy}>
          {t('account.changeEmailSubmit')}
        </button>
      </Form>
    </>
  )
}

export function MyDataLinks() {
  const { t } = useTranslation()
  return (
    <>
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
    </>
  )
}

/** Reminders before meetings (and the feedback request after), on or off. */
export function ReminderPreference({ off }: { off: boolean }) {
  const { t } = useTranslation()
  return (
    <>
      <h2 id="reminders">{t('me.remindersTitle')}</h2>
      <p className="muted">{t(off ? 'me.remindersAreOff' : 'me.remindersAreOn')}</p>
      <Form method="post">
        <button type="submit" name="intent" value={off ? 'reminders-on' : 'reminders-off'}>
          {t(off ? 'me.remindersTurnOn' : 'me.remindersTurnOff')}
        </button>
      </Form>
    </>
  )
}

export function CalendarFeed({ feedUrl }: { feedUrl: string }) {
  const { t } = useTranslation()
  return (
    <>
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
    </>
  )
}

export function DeleteAccountForm({ error }: { error: string | undefined }) {
  const { t } = useTranslation()
  return (
    <>
      <h2 id="delete">{t('account.deleteTitle')}</h2>
      <p className="muted">{t('account.deleteIntro')}</p>
      <Form method="post" className="panel">
        {error ? (
          <p className="form-error" role="alert">
            {t(error)}
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
    </>
  )
}
