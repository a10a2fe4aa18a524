import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { isActiveStatus } from '~/models/booking/constants'
import type { RosterRow } from '~/models/organiser/roster.server'
import { isMedicalNote } from '~/models/child/note-kind'
import { ReasonForm } from './reason-form'
import { formatDate, formatDateTime, formatTime } from '~/utils/time'
import { useLang } from '~/utils/use-lang'

function Act({
  intent,
  bookingId,
  label,
  who,
  tone,
  big,
  override,
}: {
  intent: string
  bookingId: string
  label: string
  who: string
  tone?: string
  big?: boolean
  override?: boolean
}) {
  const navigation = useNavigation()
  const busy =
    navigation.state !== 'idle' && navigation.formData?.get('bookingId') === bookingId && navigation.formData?.get('intent') === intent
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="bookingId" value={bookingId} />
      {override ? <input type="hidden" name="override" value="true" /> : null}
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

/** The roster at the door: one tap to check in, on a phone. */
export function RosterList({ rows, sessionDay }: { rows: RosterRow[]; sessionDay: boolean }) {
  const { t } = useTranslation()
  const lang = useLang()
  return (
    <ul className="list">
      {rows.map((r) => (
        <li key={r.id} className="list-item roster-row" data-status={r.status}>
          <div>
            <strong>{r.attendee}</strong> <span className={`status status-${r.status}`}>{t(`me.status.${r.status}`)}</span>
            {r.gender ? ` · ${t(`gender.${r.gender}`)}` : ''}
            {r.quotaCategory ? ` · ${t('organiser.quotaSeat', { category: t(`gender.${r.quotaCategory}`) })}` : ''}
            {r.guardian ? <p>{t('organiser.guardian', { name: r.guardian })}</p> : null}
            <p>
              <a href={`tel:${r.phone}`}>{r.phone}</a> · {r.email}
            </p>
            {r.notes ? isMedicalNote(r.notes) ? <p className="form-error">⚠ {r.notes}</p> : <p className="note">{r.notes}</p> : null}
            <p className="muted">{formatDateTime(r.bookedAt, lang)}</p>
            {r.checkedInAt ? (
              <p className="notice">
                {t('organiser.checkedIn', { time: `${formatDate(r.checkedInAt, lang)} ${formatTime(r.checkedInAt, lang)}` })}
              </p>
            ) : null}
            {r.noShow ? <p className="form-error">{t('organiser.noShow')}</p> : null}
            {r.cancelReason ? <p className="muted">{r.cancelReason}</p> : null}
          </div>
          <div className="actions no-print">
            {r.status === 'confirmed' && !r.checkedInAt ? (
              // on another day than the session's, checking in is an override, and says so
              <Act
                intent="check-in"
                bookingId={r.id}
                who={r.attendee}
                label={sessionDay ? t('organiser.checkIn') : t('organiser.checkInAnyway')}
                tone="primary"
                big
                override={!sessionDay}
              />
            ) : null}
            {r.checkedInAt ? <Act intent="undo-check-in" bookingId={r.id} who={r.attendee} label={t('organiser.undoCheckIn')} /> : null}
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
