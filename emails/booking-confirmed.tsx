import { Text } from '@react-email/components'
import { MailLayout, type MailProps } from './layout'

export default function BookingConfirmed(mail: MailProps) {
  const body = mail.t('mail.body.booking-confirmed', { attendee: mail.attendee })
  return (
    <MailLayout mail={mail} preview={body}>
      <Text>{body}</Text>
    </MailLayout>
  )
}
