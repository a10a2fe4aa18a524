import { Section, Text } from '@react-email/components'
import { ActionButton, MailLayout, type MailProps } from './layout'

/** After the last meeting: one question, answered from a signed link without logging in. */
export default function FeedbackRequest(mail: MailProps) {
  const body = mail.t('mail.body.feedback-request', { attendee: mail.attendee })
  return (
    <MailLayout mail={mail} preview={body} showDetails={false}>
      <Text>{body}</Text>
      <Section style={{ margin: '12px 0' }}>
        {[5, 4, 3, 2, 1].map((n) => (
          <ActionButton key={n} href={`${mail.feedbackUrl}&rating=${n}`} primary={n === 5}>
            {'★'.repeat(n)}
          </ActionButton>
        ))}
      </Section>
      <Text>
        <a href={mail.feedbackUrl}>{mail.t('mail.body.feedback-link')}</a>
      </Text>
      <Text style={{ color: '#57606a', fontSize: 12 }}>{mail.t('mail.body.feedback-note')}</Text>
    </MailLayout>
  )
}
