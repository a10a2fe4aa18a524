import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Notices } from '~/components/notices'
import { AudienceLine, KindBadge } from '~/components/programme-facts'
import { SessionCard } from '~/components/session-card'
import { handleBookingAction } from '~/web/booking-action.server'
import { handleLotteryAction } from '~/web/lottery-action.server'
import { LotteryPanel } from '~/components/lottery-panel'
import { myLotteryEntry } from '~/models/lottery/entries.server'
import { lotteryStoryOf } from '~/models/lottery/story.server'
import { myActiveBookingsFor } from '~/models/booking/my-bookings.server'
import { listChildren } from '~/models/child/children.server'
import { getPublishedProgramme } from '~/models/programme/catalogue.server'
import { contactPhoneOf, localized } from '~/models/programme/constants'
import { getUser, requireUser } from '~/web/auth.server'
import { formatDateTime, formatDay, shanghaiDay } from '~/utils/time'
import { parseSearchParams } from '~/utils/request.server'
import { z } from 'zod'
import { pageMeta } from '~/utils/meta'
import { useLang } from '~/components/hooks/use-lang'
import { questionsOf } from '~/models/questions/questions.server'
import { earlierAnswers } from '~/models/questions/answers.server'
import { answerValues } from '~/models/questions/shared'

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? pageMeta(`${data.programme.titleZh} ${data.programme.titleEn}`, `${data.programme.summaryZh} ${data.programme.summaryEn}`)
    : pageMeta(null)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = String(params.slug ?? '')
  if (!/^[a-z0-9-]{1,80}$/.test(slug)) throw new Response('Not found', { status: 404 })
  const [programme, user] = await Promise.all([getPublishedProgramme(slug), getUser(request)])
  if (!programme) throw new Response('Not found', { status: 404 })
  const [children, myBookings, entry] = user
    ? await Promise.all([
        programme.audience === 'child' ? listChildren(user.id) : Promise.resolve([]),
        myActiveBookingsFor(
          user.id,
          programme.sessions.map((s) => s.id),
        ),
        programme.allocation === 'lottery' ? myLotteryEntry(user.id, programme.id) : Promise.resolve(null),
      ])
    : [[], [], null]
  // many short slots (a check-up): one day at a time, the day asked for or the first with room
  const { day } = parseSearchParams(
    request,
    z.object({
      day: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .optional(),
    }),
  )
  const days = slotDays(programme.sessions)
  const shownDay =
    days.length > 1 && programme.sessions.length > SLOTS_BY_DAY_FROM
      ? (days.find((d) => d.day === day) ?? days.find((d) => d.free > 0) ?? days[0]).day
      : null
  const story = programme.allocation === 'lottery' ? await lotteryStoryOf(programme.id) : null
  // the programme's questions, and what this member answered before (a sensitive answer only as a tick to reuse it)
  const questions = await questionsOf(programme.id)
  const prefill = { values: {} as Record<string, string[]>, reusable: [] as string[] }
  if (user && questions.length) {
    const tokens = programme.audience === 'child' ? children.map((c) => c.id) : ['self']
    for (const [field, earlier] of await earlierAnswers(user.id, questions, tokens)) {
      if (earlier.sensitive) prefill.reusable.push(field)
      else prefill.values[field] = answerValues(earlier.value)
    }
  }
  return {
    programme,
    story,
    signedIn: Boolean(user),
    children,
    myBookings,
    entry,
    now: new Date(),
    days: shownDay ? days : [],
    shownDay,
    questions,
    prefill,
  }
}

// from this many sessions on, the page shows them a day at a time
const SLOTS_BY_DAY_FROM = 8

function slotDays(sessions: { startsAt: Date; capacity: number; seatsTaken: number }[]) {
  const byDay = new Map<string, { day: string; slots: number; free: number }>()
  for (const s of sessions) {
    const day = shanghaiDay(s.startsAt)
    const entry = byDay.get(day) ?? { day, slots: 0, free: 0 }
    entry.slots += 1
    entry.free += Math.max(0, s.capacity - s.seatsTaken)
    byDay.set(day, entry)
  }
  return [...byDay.values()]
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const formData = await request.formData()
  const intent = formData.get('intent')
  if (intent === 'apply' || intent === 'withdraw') {
    const programme = await getPublishedProgramme(String(params.slug ?? ''))
    if (!programme) throw new Response('Not found', { status: 404 })
    return handleLotteryAction(formData, request, user, programme.id)
  }
  return handleBookingAction(request, user, formData)
}

export default function ProgrammePage() {
  const { t } = useTranslation()
  const lang = useLang()
  const { programme, story, signedIn, children, myBookings, entry, now, days, shownDay, questions, prefill } =
    useLoaderData<typeof loader>()
  const lottery = programme.allocation === 'lottery'
  const actionData = useActionData<typeof action>()
  // a booking form refused for its answers comes back as typed, with what to correct
  const refused = (
    actionData as { answers?: { sessionId: string; errors: Record<string, string>; values: Record<string, string[]> } } | undefined
  )?.answers
  const department = localized(programme.department, 'name', lang)
  const phone = contactPhoneOf(programme)
  // what to bring / how to prepare; the English page falls back to the Chinese text
  const prepare = localized(programme, 'prepare', lang) || programme.prepareZh
  // a day at a time: that day's slots, free ones first
  const visibleSessions = shownDay
    ? programme.sessions
        .filter((s) => shanghaiDay(s.startsAt) === shownDay)
        .sort(
          (a, b) => Number(b.capacity > b.seatsTaken) - Number(a.capacity > a.seatsTaken) || a.startsAt.getTime() - b.startsAt.getTime(),
        )
    : programme.sessions
  return (
    <article className="programme-head">
      <KindBadge kind={programme.kind} />
      <h1>{localized(programme, 'title', lang)}</h1>
      <p className="lead">{localized(programme, 'summary', lang)}</p>
      <p>
        <AudienceLine {...programme} />
      </p>
      {lottery ? null : (
        <p className="muted">
          {t('programme.bookingWindow', {
            opens: formatDateTime(programme.bookingOpensAt, lang),
            closes: formatDateTime(programme.bookingClosesAt, lang),
          })}
        </p>
      )}
      {programme.window === 'not-open' ? (
        <p className="notice">{t('programme.notOpenYet', { date: formatDateTime(programme.bookingOpensAt, lang) })}</p>
      ) : programme.window === 'closed' ? (
        <p className="notice">{t('programme.closedNow', { date: formatDateTime(programme.bookingClosesAt, lang) })}</p>
      ) : null}
      <Notices notices={actionData?.notices} />
      {story ? (
        <LotteryPanel
          programme={programme}
          story={story}
          sessions={programme.sessions}
          signedIn={signedIn}
          children={children}
          entry={entry}
          questions={questions}
          questionState={
            refused?.sessionId === 'lottery'
              ? { values: refused.values, errors: refused.errors, reusable: [] }
              : { values: { ...prefill.values, ...(entry?.answers ?? {}) }, errors: {}, reusable: [] }
          }
        />
      ) : null}
      {signedIn && myBookings.length > 0 ? (
        <p>
          <Link to="/me/bookings">{t('programme.myBookingsLink')}</Link>
        </p>
      ) : null}
      <h2 id="sessions">{t('programme.sessions')}</h2>
      {programme.sessions.length === 0 ? <p>{t('programme.noSessions')}</p> : null}
      {shownDay ? (
        <nav aria-label={t('programme.pickDay')} className="day-picker">
          {days.map((d) => (
            <Link
              key={d.day}
              to={`?day=${d.day}#sessions`}
              aria-current={d.day === shownDay ? 'true' : undefined}
              className={d.free > 0 ? 'day day-open' : 'day day-full'}
              preventScrollReset
            >
              {formatDay(d.day, lang)}
              <small>{d.free > 0 ? t('catalogue.seatsLeft', { count: d.free }) : t('catalogue.full')}</small>
            </Link>
          ))}
        </nav>
      ) : null}
      <ul className="cards">
        {visibleSessions.map((session) => (
          <li key={session.id}>
            <SessionCard
              session={session}
              audience={programme.audience}
              window={programme.window}
              signedIn={signedIn}
              children={children}
              myBookings={myBookings.filter((b) => b.sessionId === session.id)}
              now={now}
              questions={questions}
              questionState={
                refused?.sessionId === session.id
                  ? { values: refused.values, errors: refused.errors, reusable: prefill.reusable }
                  : { values: prefill.values, errors: {}, reusable: prefill.reusable }
              }
            />
          </li>
        ))}
      </ul>
      <h2>{t('programme.details')}</h2>
      <div className="prose">
        {localized(programme, 'description', lang)
          .split('\n')
          .map((para, i) => (
            <p key={i}>{para}</p>
          ))}
      </div>
      {prepare ? (
        <>
          <h2>{t('programme.prepare')}</h2>
          <div className="prose notice">
            {prepare.split('\n').map((line, i) => (
              <p key={i}>{line}</p>
            ))}
          </div>
        </>
      ) : null}
      <ul className="facts-list">
        <li>{t('programme.organiser', { name: department })}</li>
        <li>{t('programme.cancelPolicy', { hours: programme.cancelDeadlineHours })}</li>
        {phone ? <li>{t('programme.contact', { phone })}</li> : null}
      </ul>
    </article>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
