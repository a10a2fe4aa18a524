import { Text } from '@react-email/components'
import { MailLayout, OfferButtons, type MailProps } from './layout'

export default function Offer(mail: MailProps) {
  const body = mail.t('mail.body.offer', { attendee: mail.attendee, deadline: mail.deadline })
  return (
    <MailLayout mail={mail} preview={body}>
      <Text>{body}</Text>
      <OfferButtons {...mail} />
    </MailLayout>
  )
}
