import { Text } from '@react-email/components'
import { MailLayout, type MailProps } from './layout'

export default function OfferExpired(mail: MailProps) {
  const body = mail.t('mail.body.offer-expired', { attendee: mail.attendee })
  return (
    <MailLayout mail={mail} preview={body}>
      <Text>{body}</Text>
    </MailLayout>
  )
}
