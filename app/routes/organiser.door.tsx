import type { LoaderFunctionArgs } from '@remix-run/node'
import type { LinksFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, type MetaFunction } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { DoorApp } from '~/components/door/door-app'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useLang } from '~/components/hooks/use-lang'
import { doorSessionsToday, searchDoor } from '~/models/organiser/door-list.server'
import { localized } from '~/models/programme/constants'
import { pageMeta } from '~/utils/meta'
import { parseSearchParams } from '~/utils/request.server'
import { formatTime } from '~/utils/time'
import { requireOrganiser } from '~/web/auth.server'

export const meta: MetaFunction = () =>
  pageMeta('门口签到 Door', '组织者在门口记录到达和接走，断网也能用。Record arrivals and pick-ups at the door, online or not.')

// installable as an app of its own (the member pages have no service worker and no manifest)
export const links: LinksFunction = () => [
  { rel: 'manifest', href: '/door.webmanifest' },
  { rel: 'apple-touch-icon', href: '/door-icon-192.png' },
]

const doorQuery = z.object({ q: z.string().trim().max(50).optional() })

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireOrganiser(request)
  const { q } = parseSearchParams(request, doorQuery)
  const sessions = await doorSessionsToday(user)
  return {
    userId: user.id,
    sessions: sessions.map((s) => ({
      id: s.id,
      titleZh: s.programme.titleZh,
      titleEn: s.programme.titleEn,
      placeZh: s.placeZh,
      placeEn: s.placeEn,
      startsAt: s.today.startsAt.toISOString(),
      confirmed: s.confirmed,
    })),
    q: q ?? '',
    matches: q ? await searchDoor(user, q) : [],
  }
}

export default function Door() {
  const { t } = useTranslation()
  const { userId, sessions, q, matches } = useLoaderData<typeof loader>()
  // the page works offline once scripts run (docs/decisions/0021-door-offline.md); without
  // them it is the name search below, one booking's door page at a time
  const [scripted, setScripted] = useState(false)
  useEffect(() => setScripted(true), [])
  return (
    <section className="narrow">
      <p>
        <Link to="/organiser">← {t('organiser.dashboard')}</Link>
      </p>
      <h1>{t('door.title')}</h1>
      {scripted ? (
        <DoorApp userId={userId} sessions={typeof navigator !== 'undefined' && !navigator.onLine ? null : sessions} />
      ) : (
        <NoScriptDoor sessions={sessions} q={q} matches={matches} />
      )}
    </section>
  )
}

function NoScriptDoor({
  sessions,
  q,
  matches,
}: {
  sessions: ReturnType<typeof useLoaderData<typeof loader>>['sessions']
  q: string
  matches: ReturnType<typeof useLoaderData<typeof loader>>['matches']
}) {
  const { t } = useTranslation()
  const lang = useLang()
  return (
    <>
      <p className="hint">{t('door.noScriptHint')}</p>
      {sessions.length === 0 ? (
        <p>{t('door.noSessionsToday')}</p>
      ) : (
        <ul>
          {sessions.map((s) => (
            <li key={s.id}>
              <Link to={`/organiser/sessions/${s.id}`}>
                {localized(s, 'title', lang)} · {formatTime(new Date(s.startsAt), lang)}
              </Link>{' '}
              · {t('door.confirmedCount', { count: s.confirmed })}
            </li>
          ))}
        </ul>
      )}
      <Form method="get" className="door-search">
        <label htmlFor="door-q">{t('door.searchLabel')}</label>
        <input id="door-q" name="q" type="search" defaultValue={q} maxLength={50} />
        <button type="submit">{t('door.search')}</button>
      </Form>
      {q ? (
        matches.length ? (
          <ul className="door-people">
            {matches.map((m) => (
              <li key={m.bookingId}>
                <Link to={`/organiser/check-in/${m.bookingId}`}>
                  {m.name}
                  {m.guardian ? ` (${t('door.guardian')}: ${m.guardian})` : ''} · {localized(m.programme, 'title', lang)} ·{' '}
                  {t(`me.status.${m.status}`)}
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('door.nobody')}</p>
        )
      ) : null}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
