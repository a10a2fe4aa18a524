import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { acceptNotice } from '~/models/consent/consent.server'
import { NOTICE_DATE, NOTICE_VERSION } from '~/models/consent/notice'
import { getUser } from '~/web/auth.server'
import { safeRedirect } from '~/utils/safe-redirect'
import { getEnv } from '~/utils/env.server'
import { pageMeta } from '~/utils/meta'

export const meta: MetaFunction = () =>
  pageMeta(
    '隐私说明 Privacy notice',
    '康乃馨如何收集、使用、保存和删除您的个人信息。How Carnation collects, uses, keeps and deletes your personal information.',
  )

const SECTIONS = ['collect', 'why', 'who', 'children', 'mutual', 'keep', 'rights', 'contact'] as const

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request)
  const env = getEnv()
  return {
    mustAccept: Boolean(user && user.noticeVersion < NOTICE_VERSION),
    version: NOTICE_VERSION,
    date: NOTICE_DATE,
    notesDays: env.RETAIN_NOTES_DAYS,
    bookingYears: Math.round(env.RETAIN_BOOKINGS_DAYS / 365),
    choicesDays: env.RETAIN_CHOICES_DAYS,
  }
}

/** Accepting the notice in force (asked at sign-up, and again whenever its version rises). */
export async function action({ request }: ActionFunctionArgs) {
  const user = await getUser(request)
  if (!user) throw redirect('/login?redirectTo=/privacy')
  const form = await request.formData()
  if (form.get('accept') !== 'on') return data({ error: 'privacy.mustAccept' }, { status: 400 })
  await acceptNotice(user.id)
  throw redirect(safeRedirect(form.get('redirectTo'), '/me/bookings'), 303)
}

export default function PrivacyPage() {
  const { t } = useTranslation()
  const { mustAccept, version, date, notesDays, bookingYears, choicesDays } = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  return (
    <section className="narrow prose">
      <h1>{t('privacy.title')}</h1>
      <p className="muted">{t('privacy.versionLine', { version, date })}</p>
      {mustAccept ? (
        <p className="notice" role="status">
          {t('privacy.newVersion')}
        </p>
      ) : null}
      {SECTIONS.map((s) => (
        <section key={s}>
          <h2>{t(`privacy.${s}.title`)}</h2>
          <p>{t(`privacy.${s}.body`, { notesDays, bookingYears, choicesDays })}</p>
        </section>
      ))}
      {mustAccept ? (
        <Form method="post" className="panel">
          <input type="hidden" name="redirectTo" value={safeRedirect(searchParams.get('redirectTo'), '')} />
          <div className="field field-checkbox">
            <label htmlFor="accept">
              <input id="accept" name="accept" type="checkbox" value="on" required /> {t('privacy.acceptNotice')}
            </label>
          </div>
          <button type="submit" className="primary">
            {t('privacy.acceptSubmit')}
          </button>
        </Form>
      ) : null}
    </section>
  )
}
