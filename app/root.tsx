import { pageMeta } from '~/utils/meta'
import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useNonce } from '~/components/hooks/nonce'
import { Link, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { useChangeLanguage } from 'remix-i18next/react'
import { GeneralErrorBoundary } from './components/error-boundary'
import { Notices } from './components/notices'
import { SiteHeader } from './components/site-header'
import { SiteStylesheet } from './components/site-stylesheet'
import styles from './styles/app.css'
import { getUser } from './web/auth.server'
import { takeNotices } from './web/flash.server'
import { getLanguage } from './utils/i18n.server'

// the stylesheet is in the page itself (SiteStylesheet), not a link
export const links: LinksFunction = () => [{ rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' }]

export const meta: MetaFunction = () => pageMeta(null)

export async function loader({ request }: LoaderFunctionArgs) {
  const [lang, user, flash] = await Promise.all([getLanguage(request), getUser(request), takeNotices(request)])
  return data({ lang, user, notices: flash.notices }, { headers: flash.headers })
}

export function useRootData() {
  return useRouteLoaderData<typeof loader>('root')
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRootData()
  const lang = data?.lang ?? 'zh-CN'
  const { t } = useTranslation()
  const nonce = useNonce()
  useChangeLanguage(lang)
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <SiteStylesheet href={styles} />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t('app.skipToContent')}
        </a>
        <SiteHeader user={data?.user ?? null} lang={lang} />
        <main id="main" className="container">
          {data?.user && !data.user.emailVerified ? (
            <p className="notice" role="status">
              {t('account.banner', { email: data.user.email })} <Link to="/me/profile">{t('account.bannerLink')}</Link>
            </p>
          ) : null}
          <Notices notices={data?.notices} />
          {children}
        </main>
        <footer className="site-footer container">
          {t('app.footer')} · <Link to="/privacy">{t('privacy.title')}</Link>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  return <Outlet />
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
