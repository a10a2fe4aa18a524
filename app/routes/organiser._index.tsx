import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { KindBadge } from '~/components/programme-facts'
import { SessionWhen } from '~/components/session-card'
import { organiserDashboard } from '~/models/organiser/dashboard.server'
import { localized } from '~/models/programme/constants'
import { requireOrganiser } from '~/web/auth.server'
import { useLang } from '~/components/hooks/use-lang'
import { pageMeta } from '~/utils/meta'

export const meta: MetaFunction = () => pageMeta('组织者后台 Organiser')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireOrganiser(request)
  return { programmes: await organiserDashboard(user) }
}

export default function OrganiserDashboard() {
  const { t } = useTranslation()
  const lang = useLang()
  const { programmes } = useLoaderData<typeof loader>()
  return (
    <section>
      <h1>{t('organiser.dashboard')}</h1>
      <p>
        <Link className="button primary" to="/organiser/programmes/new">
          {t('organiser.newProgramme')}
        </Link>{' '}
        <Link className="button" to="/organiser/reports">
          {t('reports.link')}
        </Link>{' '}
        <Link className="button" to="/organiser/door">
          {t('door.link')}
        </Link>
      </p>
      {programmes.length === 0 ? <p>{t('organiser.noProgrammes')}</p> : null}
      <ul className="cards">
        {programmes.map((p) => (
          <li key={p.id}>
            <article className="card">
              <KindBadge kind={p.kind} /> <span className="status">{t(`organiser.status.${p.status}`)}</span>
              <h2>
                <Link to={`/organiser/programmes/${p.id}`}>{localized(p, 'title', lang)}</Link>
              </h2>
              <p className="muted">{localized(p.department, 'name', lang)}</p>
              <ul className="list">
                {p.sessions.slice(0, 6).map((s) => (
                  <li key={s.id} className="list-item">
                    <div>
                      <SessionWhen session={s} />
                      <div className="meter" aria-hidden="true">
                        <span style={{ width: `${Math.min(100, s.fillRate)}%` }} />
                      </div>
                      <p className="muted">
                        {t('organiser.fill', { taken: s.seatsTaken, capacity: s.capacity, rate: s.fillRate })} ·{' '}
                        {t('organiser.waiting', { count: s.waiting })} · {t('organiser.offers', { count: s.offers })}
                      </p>
                    </div>
                    <Link to={`/organiser/sessions/${s.id}`} className="button">
                      {t('organiser.roster')}
                    </Link>
                  </li>
                ))}
              </ul>
              {p.sessions.length > 6 ? <p className="muted">{t('catalogue.sessions', { count: p.sessions.length })}</p> : null}
            </article>
          </li>
        ))}
      </ul>
    </section>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
