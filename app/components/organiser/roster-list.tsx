import type { ComponentProps } from 'react'
import { AnswersList } from '~/components/answers-list'
import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { isActiveStatus } from '~/models/booking/constants'
import type { RosterRow } from '~/models/organiser/roster.server'
import { isMedicalNote } from '~/models/child/note-kind'
import { ReasonForm } from './reason-form'
import { formatDateTime, formatTime } from '~/utils/time'
import { useLang } from '~/components/hooks/use-lang'

function Act({
  intent,
  bookingId,
  label,
  who,
  tone,
  big,
  override,
  day,
}: {
  intent: string
  bookingId: string
  label: string
  who: string
  tone?: string
  big?: boolean
  override?: boolean
  day?: string
}) {
  const navigation = useNavigation()
  const busy =
    navigation.state !== 'idle' && navigation.formData?.get('bookingId') === bookingId && navigation.formData?.get('intent') === intent
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="bookingId" value={bookingId} />
      {override ? <input type="hidden" name="override" value="true" /> : null}
      {day ? <input type="hidden" name="day" value={day} /> : null}
      {/* the visible label, then for whom: a screen reader hears "签到 · 李小明", not ten "签到" */}
      <button
        type="submit"
        name="intent"
        value={intent}
        aria-label={`${label} · ${who}`}
        className={`${tone ?? 'plain'}${big ? ' big-button' : ''}`}
        disabled={busy}
      >
        {label}
      </button>
    </Form>
  )
}

/** What the day's record says, in words: arrived 08:12 · collected 17:05 by 李强 (父亲) · excused (fever). */
type Record = {
  state: string
  arrivedAt: Date | string | null
  leftAt: Date | string | null
  collectedByName: string | null
  overrideReason: string | null
  excuseReason: string | null
}
export function DayRecord({ today }: { today: Record }) {
  const { t } = useTranslation()
  const lang = useLang()
  const time = (d: Date | string | null) => (d ? formatTime(new Date(d), lang) : '')
  return (
    <p className={`day-state day-${today.state}`}>
      <span className={`status status-day-${today.state}`}>{t(`attendance.state.${today.state}`)}</span>
      {today.arrivedAt ? ` · ${t('attendance.arrivedAt', { time: time(today.arrivedAt) })}` : ''}
      {today.leftAt ? ` · ${t('attendance.collectedAt', { time: time(today.leftAt), by: today.collectedByName ?? '' })}` : ''}
      {today.overrideReason ? ` · ${t('attendance.overrideNoted', { reason: today.overrideReason })}` : ''}
      {today.excuseReason ? ` · ${today.excuseReason}` : ''}
    </p>
  )
}

/** Who collects: the guardian, someone on the guardian's list, or — after a call — someone else, with the reason. */
export function PickupForm(props: {
  bookingId: string
  attendee: string
  guardian: string
  pickups: { id: string; name: string; relation: string; phone: string }[]
  day?: string
  label: string
  big?: boolean
}) {
  const { t } = useTranslation()
  return (
    <Form method="post" className="pickup-form">
      <input type="hidden" name="bookingId" value={props.bookingId} />
      {props.day ? <input type="hidden" name="day" value={props.day} /> : null}
      <label>
        {t('attendance.collectedBy')}
        <select name="collector" defaultValue="guardian" aria-label={`${t('attendance.collectedBy')} · ${props.attendee}`}>
          <option value="guardian">{t('attendance.guardianOption', { name: props.guardian })}</option>
          {props.pickups.map((p) => (
            <option key={p.id} value={`p:${p.id}`}>
              {p.name} ({p.relation}) {p.phone}
            </option>
          ))}
          <option value="other">{t('attendance.someoneElse')}</option>
        </select>
      </label>
      <details>
        <summary>{t('attendance.someoneElseHow')}</summary>
        <label>
          {t('attendance.otherName')}
          <input name="otherName" maxLength={50} />
        </label>
        <label>
          {t('attendance.overrideReasonLabel')}
          <input name="reason" maxLength={200} />
        </label>
      </details>
      <button
        type="submit"
        name="intent"
        value="pick-up"
        className={`primary${props.big ? ' big-button' : ''}`}
        aria-label={`${t('attendance.pickUp')} · ${props.attendee}`}
      >
        {props.label}
      </button>
    </Form>
  )
}

/** The roster at the door: the day's register, one tap to record arrival and, for a child, pick-up. */
export function RosterList({
  rows,
  sessionDay,
  day,
  recordable,
  questions = [],
}: {
  rows: RosterRow[]
  sessionDay: boolean
  day: string
  recordable: boolean
  questions?: ComponentProps<typeof AnswersList>['questions']
}) {
  const { t } = useTranslation()
  const lang = useLang()
  return (
    <ul className="list">
      {rows.map((r) => (
        <li key={r.id} className="list-item roster-row" data-status={r.status} data-day-state={r.today?.state}>
          <div>
            <strong>{r.attendee}</strong> <span className={`status status-${r.status}`}>{t(`me.status.${r.status}`)}</span>
            {r.gender ? ` · ${t(`gender.${r.gender}`)}` : ''}
            {r.quotaCategory ? ` · ${t('organiser.quotaSeat', { category: t(`gender.${r.quotaCategory}`) })}` : ''}
            {r.badgeNo !== null && r.status === 'confirmed' ? ` · ${t('matching.badge', { n: r.badgeNo })}` : ''}
            {r.guardian ? <p>{t('organiser.guardian', { name: r.guardian })}</p> : null}
            <p>
              <a href={`tel:${r.phone}`}>{r.phone}</a> · {r.email}
            </p>
            {r.notes ? isMedicalNote(r.notes) ? <p className="form-error">⚠ {r.notes}</p> : <p className="note">{r.notes}</p> : null}
            <AnswersList questions={questions} answers={r.answers} />
            {r.today ? <DayRecord today={r.today} /> : null}
            {r.progress.hasRule && r.status === 'confirmed' ? (
              <p className="muted">
                {t('attendance.progress', { attended: r.progress.attended, meetings: r.progress.meetings })}
                {r.progress.completed ? ` · ${t('attendance.completed')}` : ''}
              </p>
            ) : null}
            <p className="muted">{formatDateTime(r.bookedAt, lang)}</p>
            {r.cancelReason ? <p className="muted">{r.cancelReason}</p> : null}
          </div>
          <div className="actions no-print">
            {recordable && r.today && ['expected', 'absent', 'excused'].includes(r.today.state) ? (
              // on another day than the session's, checking in is an override, and says so
              <Act
                intent="check-in"
                bookingId={r.id}
                who={r.attendee}
                label={sessionDay ? t('organiser.checkIn') : t('organiser.checkInAnyway')}
                tone="primary"
                big
                override={!sessionDay}
                day={day}
              />
            ) : null}
            {r.today?.state === 'present' && r.isChild ? (
              <PickupForm
                bookingId={r.id}
                attendee={r.attendee}
                guardian={r.guardian ?? ''}
                pickups={r.pickups}
                day={day}
                label={t('attendance.pickUp')}
              />
            ) : null}
            {r.today?.state === 'present' ? (
              <Act intent="undo-check-in" bookingId={r.id} who={r.attendee} label={t('organiser.undoCheckIn')} day={day} />
            ) : null}
            {r.status === 'waitlisted' ? <Act intent="promote" bookingId={r.id} who={r.attendee} label={t('organiser.promote')} /> : null}
            {r.status === 'confirmed' ? <Act intent="resend" bookingId={r.id} who={r.attendee} label={t('organiser.resend')} /> : null}
            {isActiveStatus(r.status) ? (
              <ReasonForm
                title={t('organiser.remove')}
                reasonLabel={t('organiser.removeReason')}
                intent="remove"
                hidden={{ bookingId: r.id }}
              />
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  )
}

/**
 * The roster prints cleanly (print CSS hides the controls). A link to the print view, so it
 * works without JavaScript (print from the browser's menu there); with it, the print dialog opens.
 */
export function PrintButton({ label }: { label: string }) {
  return (
    <a
      className="button"
      href="?print=1"
      onClick={(event) => {
        event.preventDefault()
        window.print()
      }}
    >
      {label}
    </a>
  )
}
