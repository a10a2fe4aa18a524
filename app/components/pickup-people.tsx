import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ActionAnswer } from '~/components/notices'

/** A child's pick-up list on the child's page: who besides the guardian may collect them; add and remove without JavaScript. */
export function PickupPeople(props: {
  pickups: { id: string; name: string; relation: string; phone: string }[]
  done: string | null
  error: string | null
  fieldErrors: Record<string, string>
}) {
  const { t } = useTranslation()
  const fieldError = (name: string) =>
    props.fieldErrors[name] ? (
      <p className="field-error" id={`pickup-${name}-error`}>
        {t(props.fieldErrors[name])}
      </p>
    ) : null
  return (
    <section className="card" aria-labelledby="pickup-title">
      <h2 id="pickup-title">{t('attendance.pickupTitle')}</h2>
      <p className="muted">{t('attendance.pickupIntro')}</p>
      <ActionAnswer notice={props.done} error={props.error} />
      {props.pickups.length === 0 ? <p>{t('attendance.pickupNone')}</p> : null}
      <ul className="list">
        {props.pickups.map((p) => (
          <li key={p.id} className="list-item">
            <span>
              {p.name} ({p.relation}) · {p.phone}
            </span>
            <Form method="post" className="inline-form">
              <input type="hidden" name="pickupPersonId" value={p.id} />
              <button
                type="submit"
                name="intent"
                value="remove-pickup"
                className="plain"
                aria-label={`${t('attendance.pickupRemove')} · ${p.name}`}
              >
                {t('attendance.pickupRemove')}
              </button>
            </Form>
          </li>
        ))}
      </ul>
      <Form method="post">
        <div className="field">
          <label htmlFor="pickup-name">{t('attendance.pickupName')}</label>
          <input id="pickup-name" name="name" required maxLength={50} aria-invalid={Boolean(props.fieldErrors.name) || undefined} />
          {fieldError('name')}
        </div>
        <div className="field">
          <label htmlFor="pickup-relation">{t('attendance.pickupRelation')}</label>
          <input
            id="pickup-relation"
            name="relation"
            required
            maxLength={20}
            aria-invalid={Boolean(props.fieldErrors.relation) || undefined}
          />
          {fieldError('relation')}
        </div>
        <div className="field">
          <label htmlFor="pickup-phone">{t('attendance.pickupPhone')}</label>
          <input
            id="pickup-phone"
            name="phone"
            type="tel"
            required
            autoComplete="off"
            aria-invalid={Boolean(props.fieldErrors.phone) || undefined}
          />
          {fieldError('phone')}
        </div>
        <button type="submit" name="intent" value="add-pickup">
          {t('attendance.pickupAdd')}
        </button>
      </Form>
    </section>
  )
}
