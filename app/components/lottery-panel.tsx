import { Form, Link, useLocation, useNavigation } from '@remix-run/react'
import type { QuestionDef } from '~/models/questions/shared'
import type { QuestionFormState } from './question-fields'
import { ApplicationForm } from './lottery-application-form'
import { useTranslation } from 'react-i18next'
import { MAX_CHOICES } from '~/models/lottery/schemas'
import { localized, priorityTiersOf } from '~/models/programme/constants'
import { formatDate, formatDateTime, formatDay, formatTime, shanghaiDay, type Lang } from '~/utils/time'
import { useLang } from '~/components/hooks/use-lang'
import { LotteryStory, type Story } from './lottery-story'

export type PanelSession = { id: string; startsAt: Date; endsAt: Date; repeatUntil: Date | null; placeZh: string; placeEn: string }

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

type PanelProgramme = {
  slug: string
  audience: string
  bookingOpensAt: Date
  bookingClosesAt: Date
  drawAt: Date | null
  priorityTiers: string
  applicationWindow: 'not-open' | 'open' | 'closed'
  lottery: { frozenAt: Date; drawnAt: Date | null } | null
}
type PanelEntry = { code: string; together: boolean; childIds: string[]; names: string[]; choices: string[] }

/**
 * A lottery programme's side for members: how it is drawn, where the draw stands, the
 * member's own application, the application form (plain form posts, so it works without
 * JavaScript), and the published commitment — hashes at the close, the seed after the draw.
 */
export function LotteryPanel(props: {
  programme: PanelProgramme
  story: Story
  sessions: PanelSession[]
  signedIn: boolean
  children: { id: string; name: string }[]
  entry: PanelEntry | null
  /** the programme's registration questions, and what the form shows in them */
  questions?: QuestionDef[]
  questionState?: QuestionFormState
}) {
  const { t } = useTranslation()
  const lang = useLang()
  const location = useLocation()
  const { programme, entry } = props
  const canApply = programme.applicationWindow === 'open' && !programme.lottery
  const choiceCount = Math.min(props.sessions.length, MAX_CHOICES)
  const labels = new Map(props.sessions.map((s) => [s.id, sessionLabel(s, lang)]))
  return (
    <section className="panel lottery" aria-labelledby="lottery-title">
      <h2 id="lottery-title">{canApply ? t('lottery.title') : t('lottery.titleClosed')}</h2>
      <HowItIsDrawn programme={programme} />
      <WhereTheDrawStands programme={programme} canApply={canApply} />
      {entry ? <YourApplication programme={programme} entry={entry} labels={labels} canApply={canApply} /> : null}
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

/** The draw's date, the application window and the priority tiers, in order. */
function HowItIsDrawn({ programme }: { programme: PanelProgramme }) {
  const { t } = useTranslation()
  const lang = useLang()
  const tiers = priorityTiersOf(programme)
  return (
    <>
      <p>{t('lottery.how', { date: programme.drawAt ? formatDateTime(programme.drawAt, lang) : '—' })}</p>
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
    </>
  )
}

/** Drawn (with the results' link), not open yet, or closed; nothing while applications are open. */
function WhereTheDrawStands({ programme, canApply }: { programme: PanelProgramme; canApply: boolean }) {
  const { t } = useTranslation()
  const lang = useLang()
  if (programme.lottery?.drawnAt) {
    return (
      <p className="notice">
        {t('lottery.drawn', { date: formatDateTime(programme.lottery.drawnAt, lang) })}{' '}
        <Link to={`/programmes/${programme.slug}/results`}>{t('lottery.resultsLink')}</Link>
      </p>
    )
  }
  if (programme.applicationWindow === 'not-open') {
    return <p className="notice">{t('lottery.notOpen', { date: formatDateTime(programme.bookingOpensAt, lang) })}</p>
  }
  return canApply ? null : <p className="notice">{t('lottery.closed')}</p>
}

/** The member's application: its code, for whom, the ranked choices; withdrawn while the window is open. */
function YourApplication(props: { programme: PanelProgramme; entry: PanelEntry; labels: Map<string, string>; canApply: boolean }) {
  const { t } = useTranslation()
  const lang = useLang()
  const navigation = useNavigation()
  const { programme, entry, canApply } = props
  return (
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
          <li key={id}>{props.labels.get(id) ?? '—'}</li>
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
  )
}
