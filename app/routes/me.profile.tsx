import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Field, FormErrors, GENDER_OPTIONS, SelectField } from '~/components/ui/field'
import { getCalendarToken, resetCalendarToken } from '~/models/booking/calendar.server'
import { getProfile, updateProfile } from '~/models/user/profile.server'
import { profileSchema } from '~/models/user/schemas'
import { requireUser } from '~/utils/auth.server'
import { appUrl } from '~/utils/signed-link.server'
import { shanghaiDay } from '~/utils/time'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const [profile, { calendarToken }] = await Promise.all([getProfile(user.id), getCalendarToken(user.id)])
  return { profile, feedUrl: appUrl(`/calendar/${calendarToken}.ics`) }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const formData = await request.formData()
  if (formData.get('intent') === 'reset-calendar') {
    await resetCalendarToken(user.id)
    return { result: undefined, saved: false, feedReset: true }
  }
  const submission = parseWithZod(formData, { schema: profileSchema })
  if (submission.status !== 'success') return data({ result: submission.reply(), saved: false, feedReset: false }, { status: 400 })
  const saved = await updateProfile(user.id, submission.value)
  if (!saved.ok) {
    return data({ result: submission.reply({ fieldErrors: { [saved.field]: ['errors.factLocked'] } }), saved: false, feedReset: false }, { status: 409 })
  }
  return { result: submission.reply(), saved: true, feedReset: false }
}

export default function ProfilePage() {
  const { t } = useTranslation()
  const { profile, feedUrl } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    lastResult: actionData?.result,
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
      <p className="muted">{profile.email}</p>
      {actionData?.saved ? (
        <p className="notice" role="status">
          {t('me.profileSaved')}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <Field meta={fields.name} label={t('fields.name')} autoComplete="name" />
        <Field meta={fields.phone} label={t('fields.phone')} type="tel" autoComplete="tel" />
        <SelectField meta={fields.gender} label={t('fields.gender')} options={GENDER_OPTIONS} />
        <Field meta={fields.birthDate} label={t('fields.birthDate')} type="date" />
        <Field meta={fields.memberNo} label={t('fields.memberNo')} />
        <button type="submit" className="primary" disabled={navigation.state === 'submitting'}>
          {t('fields.save')}
        </button>
      </Form>
      <h2>{t('me.calendarTitle')}</h2>
      <p className="muted">{t('me.calendarIntro')}</p>
      <p>
        <input readOnly value={feedUrl} aria-label={t('me.calendarTitle')} />
      </p>
      {actionData?.feedReset ? (
        <p className="notice" role="status">
          {t('me.calendarReset')}
        </p>
      ) : null}
      <Form method="post">
        <button type="submit" name="intent" value="reset-calendar" className="danger">
          {t('me.calendarResetButton')}
        </button>
      </Form>
    </section>
  )
}
