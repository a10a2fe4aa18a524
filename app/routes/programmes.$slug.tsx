import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Notices } from '~/components/notices'
import { AudienceLine, KindBadge } from '~/components/programme-facts'
import { SessionCard } from '~/components/session-card'
import { handleBookingAction } from '~/models/booking/handle-booking-action.server'
import { myActiveBookingsFor } from '~/models/booking/my-bookings.server'
import { listChildren } from '~/models/child/children.server'
import { getPublishedProgramme } from '~/models/programme/catalogue.server'
import { localized } from '~/models/programme/constants'
import { getUser, requireUser } from '~/utils/auth.server'
import { formatDateTime } from '~/utils/time'
import { useLang } from '~/utils/use-lang'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.programme.titleZh} ${data.programme.titleEn} · 康乃馨 Carnation` : '康乃馨 Carnation' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = String(params.slug ?? '')
  if (!/^[a-z0-9-]{1,80}$/.test(slug)) throw new Response('Not found', { status: 404 })
  const [programme, user] = await Promise.all([getPublishedProgramme(slug), getUser(request)])
  if (!programme) throw new Response('Not found', { status: 404 })
  const [children, myBookings] = user
    ? await Promise.all([
        programme.audience === 'child' ? listChildren(user.id) : Promise.resolve([]),
        myActiveBookingsFor(user.id, programme.sessions.map((s) => s.id)),
      ])
    : [[], []]
  return { programme, signedIn: Boolean(user), children, myBookings, now: new Date() }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  return handleBookingAction(request, user)
}

export default function ProgrammePage() {
  const { t } = useTranslation()
  const lang = useLang()
  const { programme, signedIn, children, myBookings, now } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const department = localized(programme.department, 'name', lang)
  const phone = programme.contactPhone ?? programme.department.phone
  return (
    <article>
      <KindBadge kind={programme.kind} />
      <h1>{localized(programme, 'title', lang)}</h1>
      <p className="lead">{localized(programme, 'summary', lang)}</p>
      <p>
        <AudienceLine {...programme} />
      </p>
      <div className="prose">
        {localized(programme, 'description', lang)
          .split('\n')
          .map((para, i) => (
            <p key={i}>{para}</p>
          ))}
      </div>
      <ul className="facts-list">
        <li>{t('programme.organiser', { name: department })}</li>
        <li>
          {t('programme.bookingWindow', {
            opens: formatDateTime(programme.bookingOpensAt, lang),
            closes: formatDateTime(programme.bookingClosesAt, lang),
          })}
        </li>
        <li>{t('programme.cancelPolicy', { hours: programme.cancelDeadlineHours })}</li>
        {phone ? <li>{t('programme.contact', { phone })}</li> : null}
      </ul>
      {programme.window === 'not-open' ? (
        <p className="notice">{t('programme.notOpenYet', { date: formatDateTime(programme.bookingOpensAt, lang) })}</p>
      ) : programme.window === 'closed' ? (
        <p className="notice">{t('programme.closedNow', { date: formatDateTime(programme.bookingClosesAt, lang) })}</p>
      ) : null}
      <Notices notices={actionData?.notices} />
      {signedIn && myBookings.length > 0 ? (
        <p>
          <Link to="/me/bookings">{t('programme.myBookingsLink')}</Link>
        </p>
      ) : null}
      <h2>{t('programme.sessions')}</h2>
      {programme.sessions.length === 0 ? <p>{t('programme.noSessions')}</p> : null}
      <ul className="cards">
        {programme.sessions.map((session) => (
          <li key={session.id}>
            <SessionCard
              session={session}
              audience={programme.audience}
              window={programme.window}
              signedIn={signedIn}
              children={children}
              myBookings={myBookings.filter((b) => b.sessionId === session.id)}
              now={now}
            />
          </li>
        ))}
      </ul>
    </article>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
