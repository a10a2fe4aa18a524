import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { toLocalInput } from '~/utils/time'
import { ReasonForm } from './reason-form'

type Session = {
  capacity: number
  startsAt: Date
  endsAt: Date
  placeZh: string
  placeEn: string
  quotas: { category: string; capacity: number }[]
}

function Labelled({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <label className="field">
      <span>{label}</span>
      {children}
    </label>
  )
}

/** Capacity, time and place, cancellation and messages for one session. */
export function SessionAdminForms({ session }: { session: Session }) {
  const { t } = useTranslation()
  const f = (key: string) => t(`organiser.fields.${key}`)
  return (
    <div className="no-print">
      <details className="panel-form">
        <summary>{t('organiser.changeCapacity')}</summary>
        <Form method="post">
          <Labelled label={f('capacity')}>
            <input name="capacity" type="number" min={0} defaultValue={session.capacity} required />
          </Labelled>
          <button type="submit" name="intent" value="capacity" className="primary">
            {t('fields.save')}
          </button>
        </Form>
      </details>
      <details className="panel-form">
        <summary>{t('organiser.changeQuotas')}</summary>
        <Form method="post">
          {(['female', 'male'] as const).map((category) => (
            <Labelled key={category} label={f(`${category}Quota`)}>
              <input
                name={`${category}Quota`}
                type="number"
                min={0}
                defaultValue={session.quotas.find((q) => q.category === category)?.capacity}
              />
            </Labelled>
          ))}
          <button type="submit" name="intent" value="quotas" className="primary">
            {t('fields.save')}
          </button>
        </Form>
      </details>
      <details className="panel-form">
        <summary>{t('organiser.reschedule')}</summary>
        <Form method="post">
          <Labelled label={f('startsAt')}>
            <input name="startsAt" type="datetime-local" defaultValue={toLocalInput(session.startsAt)} required />
          </Labelled>
          <Labelled label={f('endsAt')}>
            <input name="endsAt" type="datetime-local" defaultValue={toLocalInput(session.endsAt)} required />
          </Labelled>
          <Labelled label={f('placeZh')}>
            <input name="placeZh" defaultValue={session.placeZh} required />
          </Labelled>
          <Labelled label={f('placeEn')}>
            <input name="placeEn" defaultValue={session.placeEn} required />
          </Labelled>
          <button type="submit" name="intent" value="reschedule" className="primary">
            {t('fields.save')}
          </button>
        </Form>
      </details>
      <details className="panel-form">
        <summary>{t('organiser.message')}</summary>
        <Form method="post">
          <Labelled label={t('organiser.fields.audience')}>
            <select name="audience">
              <option value="booked">{f('audienceBooked')}</option>
              <option value="waitlist">{f('audienceWaitlist')}</option>
            </select>
          </Labelled>
          <Labelled label={f('subject')}>
            <input name="subject" required maxLength={120} />
          </Labelled>
          <Labelled label={f('body')}>
            <textarea name="body" required maxLength={4000} rows={4} />
          </Labelled>
          <button type="submit" name="intent" value="message" className="primary">
            {t('organiser.message')}
          </button>
        </Form>
      </details>
      <ReasonForm className="panel-form" title={t('organiser.cancelSession')} reasonLabel={t('organiser.reason')} intent="cancel-session" />
      <Form method="post" className="inline-form">
        <button type="submit" name="intent" value="no-shows">
          {t('organiser.markNoShows')}
        </button>
      </Form>
    </div>
  )
}
