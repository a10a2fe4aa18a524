import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLang } from '~/components/hooks/use-lang'
import { formatTime } from '~/utils/time'
import type { DoorPerson, QueuedRecord } from './store'

// One person at the door (DoorApp): who they are, today's state, and the arrival or pick-up to record.

export function StateText({ person }: { person: DoorPerson }) {
  const { t } = useTranslation()
  const lang = useLang()
  if (person.status !== 'confirmed') return <span className="door-state muted">{t(`me.status.${person.status}`)}</span>
  const { today } = person
  const time = (iso: string | null) => (iso ? formatTime(new Date(iso), lang) : '')
  if (today.state === 'present')
    return <span className="door-state present">{t('door.statePresent', { time: time(today.arrivedAt) })}</span>
  if (today.state === 'left')
    return <span className="door-state left">{t('door.stateLeft', { time: time(today.leftAt), by: today.by ?? '' })}</span>
  return <span className="door-state">{t(`door.state.${today.state}`)}</span>
}

export function PersonPanel({
  person,
  onRecord,
  onClose,
}: {
  person: DoorPerson
  onRecord: (
    person: DoorPerson,
    kind: QueuedRecord['kind'],
    collector?: { collector: string; otherName?: string; reason?: string },
  ) => Promise<void>
  onClose: () => void
}) {
  const { t } = useTranslation()
  const lang = useLang()
  const [collector, setCollector] = useState('guardian')
  const [otherName, setOtherName] = useState('')
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const state = person.today.state
  return (
    <section className="door-panel" aria-labelledby="door-person-name">
      <h2 id="door-person-name">{person.name}</h2>
      <p>
        {person.guardian ? `${t('door.guardian')}: ${person.guardian} · ` : ''}
        <StateText person={person} />
        {person.badgeNo !== null ? ` · ${t('matching.badge', { n: person.badgeNo })}` : ''}
      </p>
      {person.medical ? <p className="form-error">⚠ {t('door.medicalHint')}</p> : null}
      {person.answers?.length ? (
        <dl className="answers">
          {person.answers.map((a) => (
            <div key={a.labelZh}>
              <dt>{lang === 'en' ? a.labelEn || a.labelZh : a.labelZh}</dt>
              <dd>{lang === 'en' ? a.textEn : a.textZh}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {person.status !== 'confirmed' ? (
        <p className="form-error">{t('door.notConfirmed')}</p>
      ) : state === 'expected' || state === 'absent' || state === 'excused' ? (
        <button type="button" className="primary big-button" onClick={() => void onRecord(person, 'arrival')}>
          {t('organiser.checkInFor', { name: person.name })}
        </button>
      ) : state === 'present' && person.isChild ? (
        <form
          className="pickup-form"
          onSubmit={(event) => {
            event.preventDefault()
            if (collector === 'other' && (!otherName.trim() || reason.trim().length < 4)) return setError('attendance.overrideReason')
            void onRecord(
              person,
              'pickup',
              collector === 'other' ? { collector, otherName: otherName.trim(), reason: reason.trim() } : { collector },
            )
          }}
        >
          <label>
            {t('attendance.collectedBy')}
            <select value={collector} onChange={(e) => setCollector(e.target.value)}>
              <option value="guardian">{t('attendance.guardianOption', { name: person.guardian ?? '' })}</option>
              {person.pickups.map((p) => (
                <option key={p.id} value={`p:${p.id}`}>
                  {p.name} ({p.relation})
                </option>
              ))}
              <option value="other">{t('attendance.someoneElse')}</option>
            </select>
          </label>
          {collector === 'other' ? (
            <>
              <label>
                {t('attendance.otherName')}
                <input value={otherName} onChange={(e) => setOtherName(e.target.value)} maxLength={50} required />
              </label>
              <label>
                {t('attendance.overrideReasonLabel')}
                <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} required minLength={4} />
              </label>
            </>
          ) : null}
          {error ? (
            <p className="form-error" role="alert">
              {t(error)}
            </p>
          ) : null}
          <button type="submit" className="primary big-button">
            {t('attendance.pickUpFor', { name: person.name })}
          </button>
        </form>
      ) : null}
      <p>
        <button type="button" onClick={onClose}>
          {t('door.back')}
        </button>
      </p>
    </section>
  )
}
