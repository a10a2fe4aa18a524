import type { SubmissionResult } from '@conform-to/react'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react'
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
import { EmailVerification, PersonalDetailsForm } from '~/components/profile/personal-details'
import { getCalendarToken } from '~/models/mail/calendar.server'
import { getProfile } from '~/models/user/profile.server'
import { appUrl } from '~/utils/signed-link.server'
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
  return (
    <section className="narrow">
      <h1>{t('me.profileTitle')}</h1>
      <ActionAnswer notice={actionData?.done ? t(actionData.done) : null} error={actionData?.error ? t(actionData.error) : null} />
      <EmailVerification email={profile.email} verified={Boolean(profile.emailVerifiedAt)} busy={busy} />
      <PersonalDetailsForm profile={profile} lastResult={resultOf('profile')} busy={busy} />
      <ChangePasswordForm lastResult={resultOf('password')} busy={busy} />
      <ChangeEmailForm lastResult={resultOf('email')} busy={busy} />
      <MyDataLinks />
      <ReminderPreference off={profile.remindersOff} />
      <CalendarFeed feedUrl={feedUrl} />
      <DeleteAccountForm error={actionData?.deleteError} />
    </section>
  )
}
