import { Section, Text } from '@react-email/components'
import { ActionButton, MailLayout, type MailProps } from './layout'

/** Before a meeting: who, what, when, where, what to bring, whom to call, and how to cancel or report an absence. */
export default function Reminder(mail: MailProps) {
  const body = mail.t('mail.body.reminder', { attendee: mail.attendee, when: mail.when })
  return (
    <MailLayout mail={mail} preview={body}>
      <Text>{body}</Text>
      {mail.prepare ? (
        <Section style={{ backgroundColor: '#fff4e5', borderRadius: 8, padding: '4px 12px', marginBottom: 12 }}>
          <Text style={{ fontWeight: 700 }}>{mail.t('mail.body.reminder-prepare')}</Text>
          <Text style={{ whiteSpace: 'pre-line' }}>{mail.prepare}</Text>
        </Section>
      ) : null}
      <Text>{mail.t('mail.body.reminder-contact', { phone: mail.phone })}</Text>
      <Section style={{ margin: '12px 0' }}>
        {mail.daysUrl ? <ActionButton href={mail.daysUrl}>{mail.t('mail.body.reminder-absence')}</ActionButton> : null}
        {mail.cancelUrl ? <ActionButton href={mail.cancelUrl}>{mail.t('mail.body.reminder-cancel')}</ActionButton> : null}
      </Section>
      <Text style={{ color: '#57606a', fontSize: 12 }}>{mail.t('mail.body.reminder-off')}</Text>
    </MailLayout>
  )
}
