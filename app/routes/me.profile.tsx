import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ActionAnswer } from '~/components/notices'
import {
  CalendarFeed,
  ChangeEmailForm,
  ReminderPreference,
  ChangePasswordForm,
  DeleteAccountForm,
  MyDataLinks,
} from '~/components/profile/account-forms'
import { Field, FormErrors, GENDER_OPTIONS, SelectField } from '~/components/ui/field'
import { getCalendarToken } from '~/models/mail/calendar.server'
import { getProfile } from '~/models/user/profile.server'
import { profileSchema } from '~/models/user/schemas'
import { appUrl } from '~/utils/signed-link.server'
import { shanghaiDay } from '~/utils/time'
import { requireUser } from '~/web/auth.server'
import { handleProfileAction, type FormName } from '~/web/profile-action.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const [profile, { calendarToken }] = await Promise.all([getProfile(user.id), getCalendarToken(user.id)])
  return { profile, feedUrl: appUrl(`/calendar/${calendarToken}.ics`) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  return handleProfileAction(request, context, await requireUser(request))
}

export default function ProfilePage() {
  const { t } = useTranslation()
  const { profile, feedUrl } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  const resultOf = (name: FormName): SubmissionResult<string[]> | undefined => (actionData?.form === name ? actionData.result : undefined)
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

      <ChangePasswordForm lastResult={resultOf('password')} busy={busy} />
      <ChangeEmailForm lastResult={resultOf('email')} busy={busy} />
      <MyDataLinks />
      <ReminderPreference off={profile.remindersOff} />
      <CalendarFeed feedUrl={feedUrl} />
      <DeleteAccountForm error={actionData?.deleteError} />
    </section>
  )
}
