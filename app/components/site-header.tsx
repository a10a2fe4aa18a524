import { isStaff } from '~/models/user/roles'
import { Form, Link, NavLink, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

type HeaderUser = { name: string; role: string } | null

export function SiteHeader({ user, lang }: { user: HeaderUser; lang: string }) {
  const { t } = useTranslation()
  const location = useLocation()
  const here = location.pathname + location.search
  return (
    <header className="site-header">
      <div className="container header-row">
        <Link to="/" className="brand">
          <span aria-hidden="true">🌸</span> {t('app.name')}
        </Link>
        <Form method="post" action="/language" className="lang-switch">
          <input type="hidden" name="redirectTo" value={here} />
          <input type="hidden" name="lang" value={lang === 'en' ? 'zh-CN' : 'en'} />
          {/* the name is what it says ("English" / "中文"), in the language it switches to */}
          <button type="submit" className="link-button" lang={lang === 'en' ? 'zh-CN' : 'en'} title={t('nav.language')}>
            {t('nav.switchTo')}
          </button>
        </Form>
      </div>
      <nav className="container main-nav" aria-label={t('nav.menu')}>
        <NavLink to="/programmes">{t('nav.programmes')}</NavLink>
        {user ? (
          <>
            <NavLink to="/me/bookings">{t('nav.myBookings')}</NavLink>
            <NavLink to="/me/children">{t('nav.children')}</NavLink>
            <NavLink to="/me/profile">{t('nav.profile')}</NavLink>
            {isStaff(user.role) ? (
              <>
                <NavLink to="/organiser">{t('organiser.nav')}</NavLink>
                <NavLink to="/organiser/members">{t('members.nav')}</NavLink>
              </>
            ) : null}
            {user.role === 'admin' ? <NavLink to="/admin/staff">{t('admin.staffTitle')}</NavLink> : null}
            {user.role === 'admin' ? <NavLink to="/admin/outbox">{t('admin.outboxTitle')}</NavLink> : null}
            <Form method="post" action="/logout">
              <button type="submit" className="link-button">
                {t('nav.logout')}
              </button>
            </Form>
          </>
        ) : (
          <>
            <NavLink to={`/login?redirectTo=${encodeURIComponent(here)}`}>{t('nav.login')}</NavLink>
            <NavLink to="/signup">{t('nav.signup')}</NavLink>
          </>
        )}
      </nav>
    </header>
  )
}
