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
        <PickupField name="name" label={t('attendance.pickupName')} maxLength={50} error={props.fieldErrors.name} />
        <PickupField name="relation" label={t('attendance.pickupRelation')} maxLength={20} error={props.fieldErrors.relation} />
        <PickupField name="phone" label={t('attendance.pickupPhone')} maxLength={20} type="tel" error={props.fieldErrors.phone} />
        <button type="submit" name="intent" value="add-pickup">
          {t('attendance.pickupAdd')}
        </button>
      </Form>
    </section>
  )
}

/** One field of the add form, with its server-side error (the form works without JavaScript). */
function PickupField(props: { name: string; label: string; maxLength: number; type?: string; error?: string }) {
  const { t } = useTranslation()
  const id = `pickup-${props.name}`
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        required
        maxLength={props.maxLength}
        autoComplete="off"
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
      />
      {props.error ? (
        <p className="field-error" id={`${id}-error`}>
          {t(props.error)}
        </p>
      ) : null}
    </div>
  )
}
