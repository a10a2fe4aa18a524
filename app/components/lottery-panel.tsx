import { Form, Link, useLocation, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { UnitResult } from '~/models/lottery/draw'
import { MAX_CHOICES } from '~/models/lottery/schemas'
import { localized, priorityTiersOf } from '~/models/programme/constants'
import { formatDate, formatDateTime, formatDay, formatTime, shanghaiDay, type Lang } from '~/utils/time'
import { useLang } from '~/utils/use-lang'

type PanelSession = { id: string; startsAt: Date; endsAt: Date; repeatUntil: Date | null; placeZh: string; placeEn: string }
/** What lotteryStory (app/models/lottery/story.server.ts) tells of a lottery. */
export type Story = {
  slug: string
  drawAt: Date | null
  source: { primary: string; fallback: string }
  frozenAt: Date | null
  commitmentHash: string | null
  seedHash: string | null
  publicValue: string | null
  publicValueFrom: string | null
  publicValueNote: string | null
  publicValueAt: Date | null
  serverSeed: string | null
  seed: string | null
  resultHash: string | null
  drawnAt: Date | null
}

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
        <Form method="post" className="stack" replace>
          <input type="hidden" name="intent" value="apply" />
          {programme.audience === 'child' ? (
            <fieldset>
              <legend>{t('lottery.whoFor')}</legend>
              {props.children.length === 0 ? (
                <p>
                  {t('programme.noChildren')} <Link to="/me/children">{t('programme.addChild')}</Link>
                </p>
              ) : null}
              {props.children.map((child) => (
                <label key={child.id} className="check">
                  <input
                    type="checkbox"
                    name="childId"
                    value={child.id}
                    defaultChecked={entry ? entry.childIds.includes(child.id) : true}
                  />{' '}
                  {child.name}
                </label>
              ))}
              {props.children.length > 1 ? (
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
          <fieldset>
            <legend>{t('lottery.choices')}</legend>
            {Array.from({ length: choiceCount }, (_, i) => (
              <label key={i} className="field">
                <span>{t('lottery.choiceN', { n: i + 1 })}</span>
                <select
                  name={`choice${i + 1}`}
                  defaultValue={entry?.choices[i] ?? (i === 0 ? props.sessions[0].id : '')}
                  required={i === 0}
                >
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
      ) : null}
      <LotteryStory story={props.story} />
    </section>
  )
}

/**
 * The moments of a lottery, each with what was published then: the public value's named
 * sources from the start; the freeze with the hashes of the commitment and of the server seed;
 * the public value as entered; the draw with the server seed, the seed they make and the
 * record's hash; and the record to download with the verifier.
 */
export function LotteryStory({ story }: { story: Story }) {
  const { t } = useTranslation()
  const lang = useLang()
  const hash = (value: string | null, missing: string) => (value ? <code className="hash">{value}</code> : t(missing))
  return (
    <details className="commitment" open={Boolean(story.drawnAt)}>
      <summary>{t('lottery.commitTitle')}</summary>
      <p className="muted">{t('lottery.commitIntro')}</p>
      <dl className="hashes">
        <dt>{t('lottery.momentSource')}</dt>
        <dd>{story.source.primary || '—'}</dd>
        <dt>{t('lottery.momentFallback')}</dt>
        <dd>{story.source.fallback || '—'}</dd>
        <dt>{t('lottery.momentDrawAt')}</dt>
        <dd>{story.drawAt ? formatDateTime(story.drawAt, lang) : '—'}</dd>
        <dt>{story.frozenAt ? t('lottery.momentFrozen', { date: formatDateTime(story.frozenAt, lang) }) : t('lottery.entriesHash')}</dt>
        <dd>
          {t('lottery.entriesHash')}: {hash(story.commitmentHash, 'lottery.notFrozenYet')}
          <br />
          {t('lottery.seedHash')}: {hash(story.seedHash, 'lottery.notFrozenYet')}
        </dd>
        {story.publicValueAt ? (
          <>
            <dt>{t('lottery.momentValue', { date: formatDateTime(story.publicValueAt, lang) })}</dt>
            <dd>
              {t('lottery.publicValue')}: <code>{story.publicValue}</code>
              {story.publicValueFrom === 'fallback' ? t('lottery.publicValueFallback', { note: story.publicValueNote ?? '' }) : null}
            </dd>
          </>
        ) : null}
        <dt>{story.drawnAt ? t('lottery.momentDrawn', { date: formatDateTime(story.drawnAt, lang) }) : t('lottery.serverSeed')}</dt>
        <dd>
          {t('lottery.serverSeed')}: {hash(story.serverSeed, 'lottery.notYet')}
          {story.seed ? (
            <>
              <br />
              {t('lottery.seed')}: <code className="hash">{story.seed}</code>
              <br />
              {t('lottery.resultHash')}: <code className="hash">{story.resultHash}</code>
            </>
          ) : null}
        </dd>
      </dl>
      {story.frozenAt ? (
        <p>
          <a href={`/programmes/${story.slug}/results.json`} download>
            {t('lottery.download')}
          </a>{' '}
          ·{' '}
          <a href="/verify-lottery.mjs" download>
            {t('lottery.verifier')}
          </a>
          <br />
          <small className="muted">{t('lottery.verifyHow')}</small>
        </p>
      ) : null}
    </details>
  )
}

export /** A unit's outcome in words: a place (at which choice), a waitlist number, or nowhere. */
function Outcome(props: { result: UnitResult; sessionId: string | null; label: (sessionId: string | null) => string }) {
  const { t } = useTranslation()
  const { result, sessionId, label } = props
  if (result.outcome === 'placed') return t('lottery.placed', { session: label(sessionId), choice: result.choice })
  if (result.outcome === 'waitlisted') return t('lottery.waitlisted', { session: label(sessionId), n: result.waitlistNo })
  return t('lottery.unplaced')
}
