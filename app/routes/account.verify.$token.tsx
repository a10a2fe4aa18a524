import { data, type ActionFunctionArgs, type HeadersFunction, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { confirmEmailLink } from '~/models/user/account.server'
import { accountLinkParam } from '~/models/user/account-link'
import { useRootData } from '~/root'
import { pageMeta } from '~/utils/meta'
import { refuse } from '~/models/result'

export const meta: MetaFunction = () => pageMeta('确认邮箱 Confirm email')
export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store' })

// Opening the link changes nothing (mail scanners follow links): the member's button press
// is the POST that proves the address.
export async function action({ params }: ActionFunctionArgs) {
  const link = accountLinkParam.safeParse(params.token)
  if (!link.success) return data(refuse('account.linkProblem.invalid'), { status: 410 })
  const result = await confirmEmailLink(link.data)
  return data(result, { status: result.ok ? 200 : result.error === 'account.linkProblem.taken' ? 409 : 410 })
}

export default function VerifyEmailPage() {
  const { t } = useTranslation()
  const result = useActionData<typeof action>()
  const navigation = useNavigation()
  const signedIn = Boolean(useRootData()?.user)
  if (result?.ok) {
    return (
      <section className="narrow">
        <h1>{t('account.verifyTitle')}</h1>
        <p className="notice" role="status">
          {t(result.purpose === 'change-email' ? 'account.emailChanged' : 'account.emailVerified', { email: result.email })}
        </p>
        <p>
          <Link to={signedIn ? '/me/bookings' : '/login'}>{t(signedIn ? 'nav.myBookings' : 'nav.login')}</Link>
        </p>
      </section>
    )
  }
  return (
    <section className="narrow">
      <h1>{t('account.verifyTitle')}</h1>
      {result ? (
        <p className="form-error" role="alert">
          {t(result.error)}
        </p>
      ) : (
        <>
          <p>{t('account.verifyIntro')}</p>
          <Form method="post">
            <button type="submit" className="primary" disabled={navigation.state === 'submitting'}>
              {t('account.verifySubmit')}
            </button>
          </Form>
        </>
      )}
    </section>
  )
}
