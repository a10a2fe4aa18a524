import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

/** A one-button form posting a booking intent; shows a pending label while it is sent. */
export function IntentButton(props: {
  intent: 'cancel' | 'accept' | 'decline' | 'book'
  bookingId?: string
  sessionId?: string
  label: string
  tone?: 'primary' | 'danger' | 'plain'
  action?: string
}) {
  const { t } = useTranslation()
  const navigation = useNavigation()
  const pending =
    navigation.state !== 'idle' &&
    navigation.formData?.get('intent') === props.intent &&
    (navigation.formData?.get('bookingId') ?? navigation.formData?.get('sessionId')) === (props.bookingId ?? props.sessionId)
  return (
    <Form method="post" action={props.action} className="inline-form">
      <input type="hidden" name="intent" value={props.intent} />
      {props.bookingId ? <input type="hidden" name="bookingId" value={props.bookingId} /> : null}
      {props.sessionId ? <input type="hidden" name="sessionId" value={props.sessionId} /> : null}
      <button type="submit" className={props.tone ?? 'plain'} disabled={pending}>
        {pending ? t('booking.working') : props.label}
      </button>
    </Form>
  )
}
