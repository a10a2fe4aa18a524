import { Form, Link, useLocation, useNavigation } from '@remix-run/react'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { fieldName, isAsked, type QuestionDef } from '~/models/questions/shared'
import { QuestionFields, type QuestionFormState } from './question-fields'
import { localized, type WindowState } from '~/models/programme/constants'
import { formatDateTime } from '~/utils/time'
import { useLang } from '~/components/hooks/use-lang'
import { IntentButton } from './booking-buttons'
import { SessionWhen } from './session-when'
import { CancelControl } from './cancel-control'

type Session = {
  id: string
  startsAt: Date
  endsAt: Date
  repeatDays: string | null
  repeatUntil: Date | null
  placeZh: string
  placeEn: string
  capacity: number
  seatsTaken: number
  quotas: { category: string; capacity: number; seatsTaken: number }[]
  _count: { bookings: number }
}
type MyBooking = {
  id: string
  status: string
  position: number | null
  offerExpiresAt: Date | null
  child: { id?: string; name: string } | null
  attendeeUser: { name: string } | null
}

export { SessionWhen }

export function SessionCard(props: {
  session: Session
  audience: string
  window: WindowState
  signedIn: boolean
  children: { id: string; name: string }[]
  myBookings: MyBooking[]
  now: Date
  /** the programme's registration questions, and what the form shows in them */
  questions?: QuestionDef[]
  questionState?: QuestionFormState
}) {
  const { t } = useTranslation()
  const lang = useLang()
  const { session } = props
  const left = Math.max(0, session.capacity - session.seatsTaken)
  const waiting = session._count.bookings
  return (
    <section className="card session" aria-labelledby={`session-${session.id}`}>
      <h3 id={`session-${session.id}`}>
        <SessionWhen session={session} />
      </h3>
      <p>{localized(session, 'place', lang)}</p>
      <p className={left > 0 ? 'availability availability-open' : 'availability availability-full'}>
        {left > 0 ? t('catalogue.seatsLeft', { count: left }) : t('catalogue.full')}
        {waiting > 0 ? ` · ${t('programme.waitlistLength', { count: waiting })}` : ''}
      </p>
      {session.quotas.length > 0 ? (
        <p className="muted">
          {session.quotas
            .map((q) =>
              t('programme.quota', {
                category: t(`gender.${q.category}`),
                left: Math.max(0, q.capacity - q.seatsTaken),
                capacity: q.capacity,
              }),
            )
            .join(' · ')}
        </p>
      ) : null}
      {props.myBookings.length > 0 ? (
        <ul className="my-bookings">
          {props.myBookings.map((b) => (
            <MyBookingLine key={b.id} booking={b} />
          ))}
        </ul>
      ) : null}
      {props.window === 'open' ? <BookForm {...props} full={left === 0} /> : null}
    </section>
  )

  function MyBookingLine({ booking: b }: { booking: MyBooking }) {
    const name = b.child?.name ?? b.attendeeUser?.name ?? ''
    return (
      <li>
        {b.status === 'confirmed' ? (
          <>
            <span className="status status-confirmed">{t('programme.yourBooking', { name })}</span>
            <CancelControl bookingId={b.id} who={name} label={t('booking.cancel')} />
          </>
        ) : b.status === 'waitlisted' ? (
          <>
            <span className="status status-waitlisted">{t('programme.yourWaitlist', { name, position: b.position })}</span>
            <CancelControl bookingId={b.id} who={name} label={t('booking.leaveWaitlist')} />
          </>
        ) : (
          <>
            <span className="status status-offered">
              {t('programme.yourOffer', { name, deadline: b.offerExpiresAt ? formatDateTime(b.offerExpiresAt, lang) : '' })}
            </span>
            <IntentButton intent="accept" bookingId={b.id} label={t('booking.accept')} tone="primary" />
            <IntentButton intent="decline" bookingId={b.id} label={t('booking.decline')} tone="danger" />
          </>
        )}
      </li>
    )
  }
}

const NO_ANSWERS: QuestionFormState = { values: {}, errors: {}, reusable: [] }

function BookForm(props: {
  session: Session
  audience: string
  signedIn: boolean
  children: { id: string; name: string }[]
  myBookings: MyBooking[]
  full: boolean
  questions?: QuestionDef[]
  questionState?: QuestionFormState
}) {
  const { t } = useTranslation()
  const location = useLocation()
  const navigation = useNavigation()
  const questions = props.questions ?? []
  const state = props.questionState ?? NO_ANSWERS
  const hidden = useAskedNow(questions)
  const pending = navigation.state !== 'idle' && navigation.formData?.get('sessionId') === props.session.id
  const label = props.full ? t('programme.joinWaitlist') : t('programme.book')
  if (!props.signedIn) {
    return (
      <Link className="button primary" to={`/login?redirectTo=${encodeURIComponent(location.pathname)}`}>
        {t('programme.loginToBook')}
      </Link>
    )
  }
  const bookingQuestions = questions.filter((q) => q.scope === 'booking')
  const attendeeQuestions = questions.filter((q) => q.scope === 'attendee')
  if (props.audience === 'self') {
    if (props.myBookings.length > 0) return null
    if (questions.length === 0) return <IntentButton intent="book" sessionId={props.session.id} label={label} tone="primary" />
    return (
      <Form method="post" className="book-children" onChange={hidden.update} ref={hidden.form}>
        <input type="hidden" name="intent" value="book" />
        <input type="hidden" name="sessionId" value={props.session.id} />
        <fieldset>
          <legend>{t('questions.title')}</legend>
          <QuestionFields questions={questions} attendee="self" state={state} hidden={hidden.set} all={questions} />
        </fieldset>
        <button type="submit" className="primary" disabled={pending}>
          {pending ? t('booking.working') : label}
        </button>
      </Form>
    )
  }
  // a child already booked (or waiting) here is not offered again
  const bookable = props.children.filter((c) => !props.myBookings.some((b) => b.child?.id === c.id))
  if (props.children.length > 0 && bookable.length === 0) return null
  if (props.children.length === 0) {
    return (
      <p>
        {t('programme.noChildren')} <Link to="/me/children">{t('programme.addChild')}</Link>
      </p>
    )
  }
  const ticked = state.values.childId ?? []
  return (
    <Form method="post" className="book-children" onChange={hidden.update} ref={hidden.form}>
      <input type="hidden" name="intent" value="book" />
      <input type="hidden" name="sessionId" value={props.session.id} />
      <fieldset>
        <legend>{t('programme.chooseChildren')}</legend>
        {bookable.map((child) => (
          <label key={child.id} className="check">
            <input type="checkbox" name="childId" value={child.id} defaultChecked={ticked.includes(child.id)} />
            {child.name}
          </label>
        ))}
      </fieldset>
      {attendeeQuestions.length > 0
        ? bookable.map((child) => (
            <fieldset key={child.id} className="questions">
              <legend>{t('questions.forChild', { name: child.name })}</legend>
              <QuestionFields questions={attendeeQuestions} attendee={child.id} state={state} hidden={hidden.set} all={questions} />
            </fieldset>
          ))
        : null}
      {bookingQuestions.length > 0 ? (
        <fieldset className="questions">
          <legend>{t('questions.forBooking')}</legend>
          <QuestionFields questions={bookingQuestions} attendee="*" state={state} hidden={hidden.set} all={questions} />
        </fieldset>
      ) : null}
      <button type="submit" className="primary" disabled={pending}>
        {pending ? t('booking.working') : label}
      </button>
    </Form>
  )
}

/**
 * With scripts on, the questions not asked now (their condition unmet) are hidden as the form
 * changes; with scripts off every question shows and the server drops the answers not asked.
 */
function useAskedNow(questions: QuestionDef[]) {
  const form = useRef<HTMLFormElement>(null)
  const [set, setSet] = useState<Set<string>>(new Set())
  const conditional = questions.filter((q) => q.conditionQuestionId)
  const update = (event?: FormEvent<HTMLFormElement>) => {
    const element = event?.currentTarget ?? form.current
    if (!element || conditional.length === 0) return
    const data = new FormData(element)
    const next = new Set<string>()
    const attendees = [
      'self',
      '*',
      ...data.getAll('childId').map(String),
      ...[...element.querySelectorAll<HTMLInputElement>('input[name="childId"]')].map((i) => i.value),
    ]
    for (const attendee of new Set(attendees)) {
      for (const q of conditional) {
        const answerOf = (id: string) => {
          const on = questions.find((x) => x.id === id)
          if (!on) return null
          const values = data.getAll(fieldName(on, attendee)).map(String)
          return on.type === 'multi' ? JSON.stringify(values) : (values[0] ?? null)
        }
        if (!isAsked(q, answerOf)) next.add(fieldName(q, attendee))
      }
    }
    setSet(next)
  }
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => update(), [questions.length])
  return { form, set, update: () => update() }
}
