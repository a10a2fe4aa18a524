import { Form, Link, useLocation, useNavigation } from '@remix-run/react'
import type { QuestionDef } from '~/models/questions/shared'
import { QuestionFields, type QuestionFormState } from './question-fields'
import { useTranslation } from 'react-i18next'
import { MAX_CHOICES } from '~/models/lottery/schemas'
import { localized, priorityTiersOf } from '~/models/programme/constants'
import { formatDate, formatDateTime, formatDay, formatTime, shanghaiDay, type Lang } from '~/utils/time'
import { useLang } from '~/components/hooks/use-lang'
import { LotteryStory, type Story } from './lottery-story'

type PanelSession = { id: string; startsAt: Date; endsAt: Date; repeatUntil: Date | null; placeZh: string; placeEn: string }

/** When a session meets, in a few words: a term's first–last day, else its day and time. */
export function sessionDates(session: Pick<PanelSession, 'startsAt' | 'repeatUntil'>, lang: Lang) {
  return session.repeatUntil
    ? `${formatDay(shanghaiDay(session.startsAt), lang)} – ${formatDay(shanghaiDay(session.repeatUntil), lang)}`
    : `${formatDate(session.startsAt, lang)} ${formatTime(session.startsAt, lang)}`
}

/** A session named in one line, for a select: its dates and place. */
export function sessionLabel(session: PanelSession, lang: Lang) {
  return `${sessionDates(session, lang)} · ${localized(session, 'place', lang)}`
}

/**
 * A lottery programme's side for members: how it is drawn, the application form (plain
 * form posts, so it works without JavaScript), the member's own application, and the
 * published commitment — hashes at the close, the seed after the draw.
 */
export function LotteryPanel(props: {
  programme: {
    slug: string
    audience: string
    bookingOpensAt: Date
    bookingClosesAt: Date
    drawAt: Date | null
    priorityTiers: string
    applicationWindow: 'not-open' | 'open' | 'closed'
    lottery: { frozenAt: Date; drawnAt: Date | null } | null
  }
  story: Story
  sessions: PanelSession[]
  signedIn: boolean
  children: { id: string; name: string }[]
  entry: { code: string; together: boolean; childIds: string[]; names: string[]; choices: string[] } | null
  /** the programme's registration questions, and what the form shows in them */
  questions?: QuestionDef[]
  questionState?: QuestionFormState
}) {
  const { t } = useTranslation()
  const lang = useLang()
  const location = useLocation()
  const navigation = useNavigation()
  const { programme, entry } = props
  const tiers = priorityTiersOf(programme)
  const drawAt = programme.drawAt ? formatDateTime(programme.drawAt, lang) : '—'
  const canApply = programme.applicationWindow === 'open' && !programme.lottery
  const choiceCount = Math.min(props.sessions.length, MAX_CHOICES)
  const labels = new Map(props.sessions.map((s) => [s.id, sessionLabel(s, lang)]))
  return (
    <section className="panel lottery" aria-labelledby="lottery-title">
      <h2 id="lottery-title">{canApply ? t('lottery.title') : t('lottery.titleClosed')}</h2>
      <p>{t('lottery.how', { date: drawAt })}</p>
      <p className="muted">
        {t('lottery.window', {
          opens: formatDateTime(programme.bookingOpensAt, lang),
          closes: formatDateTime(programme.bookingClosesAt, lang),
        })}
      </p>
      {tiers.length > 0 ? (
        <>
          <h3>{t('lottery.tiersTitle')}</h3>
          <ol>
            {tiers.map((tier) => (
              <li key={tier}>{t(`lottery.tiers.${tier}`)}</li>
            ))}
          </ol>
          <p className="muted">{t('lottery.tiersInside')}</p>
        </>
      ) : null}
      {programme.lottery?.drawnAt ? (
        <p className="notice">
          {t('lottery.drawn', { date: formatDateTime(programme.lottery.drawnAt, lang) })}{' '}
          <Link to={`/programmes/${programme.slug}/results`}>{t('lottery.resultsLink')}</Link>
        </p>
      ) : programme.applicationWindow === 'not-open' ? (
        <p className="notice">{t('lottery.notOpen', { date: formatDateTime(programme.bookingOpensAt, lang) })}</p>
      ) : !canApply ? (
        <p className="notice">{t('lottery.closed')}</p>
      ) : null}
      {entry ? (
        <div className="card">
          <p>
            <strong>
              {canApply
                ? t('lottery.yourEntry', { code: entry.code, date: formatDateTime(programme.bookingClosesAt, lang) })
                : t('lottery.yourEntryFrozen', { code: entry.code })}
            </strong>
          </p>
          {entry.names.length > 0 ? <p>{t('lottery.entryFor', { names: entry.names.join(lang === 'en' ? ', ' : '、') })}</p> : null}
          <ol>
            {entry.choices.map((id) => (
              <li key={id}>{labels.get(id) ?? '—'}</li>
            ))}
          </ol>
          {canApply ? (
            <Form method="post" replace>
              <input type="hidden" name="intent" value="withdraw" />
              <button type="submit" className="secondary" disabled={navigation.state === 'submitting'}>
                {t('lottery.withdraw')}
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
      {canApply && !props.signedIn ? (
        <p>
          <Link className="button primary" to={`/login?redirectTo=${encodeURIComponent(location.pathname)}`}>
            {t('lottery.loginToApply')}
          </Link>
        </p>
      ) : null}
      {canApply && props.signedIn && choiceCount > 0 ? (
        <ApplicationForm
          audience={programme.audience}
          sessions={props.sessions}
          labels={labels}
          choiceCount={choiceCount}
          entry={entry}
          kids={props.children}
          questions={props.questions ?? []}
          questionState={props.questionState ?? { values: {}, errors: {}, reusable: [] }}
        />
      ) : null}
      <LotteryStory story={props.story} />
    </section>
  )
}

/** The application (or its change): who, siblings together or not, ranked sessions — a plain form post. */
function ApplicationForm(props: {
  audience: string
  sessions: PanelSession[]
  labels: Map<string, string>
  choiceCount: number
  entry: { together: boolean; childIds: string[]; choices: string[] } | null
  kids: { id: string; name: string }[]
  questions: QuestionDef[]
  questionState: QuestionFormState
}) {
  const { t } = useTranslation()
  const navigation = useNavigation()
  const { entry, labels, choiceCount, kids, questions, questionState } = props
  const forAttendee = questions.filter((q) => q.scope === 'attendee')
  const forBooking = questions.filter((q) => q.scope === 'booking')
  return (
    <Form method="post" className="stack" replace>
      <input type="hidden" name="intent" value="apply" />
      {props.audience === 'child' ? (
        <fieldset>
          <legend>{t('lottery.whoFor')}</legend>
          {kids.length === 0 ? (
            <p>
              {t('programme.noChildren')} <Link to="/me/children">{t('programme.addChild')}</Link>
            </p>
          ) : null}
          {kids.map((child) => (
            <label key={child.id} className="check">
              <input type="checkbox" name="childId" value={child.id} defaultChecked={entry ? entry.childIds.includes(child.id) : true} />{' '}
              {child.name}
            </label>
          ))}
          {kids.length > 1 ? (
            <label className="check">
              <input type="checkbox" name="together" defaultChecked={entry ? entry.together : true} /> {t('lottery.together')}
            </label>
          ) : (
            <input type="hidden" name="together" value="on" />
          )}
        </fieldset>
      ) : (
        <input type="hidden" name="together" value="on" />
      )}
      {forAttendee.length
        ? (props.audience === 'child' ? kids.map((k) => ({ token: k.id, name: k.name })) : [{ token: 'self', name: '' }]).map((who) => (
            <fieldset key={who.token} className="questions">
              <legend>{who.name ? t('questions.forChild', { name: who.name }) : t('questions.title')}</legend>
              <QuestionFields questions={forAttendee} attendee={who.token} state={questionState} all={questions} />
            </fieldset>
          ))
        : null}
      {forBooking.length ? (
        <fieldset className="questions">
          <legend>{t('questions.forBooking')}</legend>
          <QuestionFields questions={forBooking} attendee="*" state={questionState} all={questions} />
        </fieldset>
      ) : null}
      <fieldset>
        <legend>{t('lottery.choices')}</legend>
        {Array.from({ length: choiceCount }, (_, i) => (
          <label key={i} className="field">
            <span>{t('lottery.choiceN', { n: i + 1 })}</span>
            <select name={`choice${i + 1}`} defaultValue={entry?.choices[i] ?? (i === 0 ? props.sessions[0].id : '')} required={i === 0}>
              {i > 0 ? <option value="">{t('lottery.noChoice')}</option> : null}
              {props.sessions.map((s) => (
                <option key={s.id} value={s.id}>
                  {labels.get(s.id)}
                </option>
              ))}
            </select>
          </label>
        ))}
      </fieldset>
      <button type="submit" className="primary" disabled={navigation.state === 'submitting'}>
        {entry ? t('lottery.update') : t('lottery.apply')}
      </button>
    </Form>
  )
}
