import { Text } from '@react-email/components'
import { MailLayout, type MailProps } from './layout'

/** Cancelled by the member, or removed by an organiser (then with the reason). */
export default function BookingCancelled(mail: MailProps) {
  const body = mail.reason
    ? mail.t('mail.body.cancelled-by-organiser', { attendee: mail.attendee, reason: mail.reason })
    : mail.t('mail.body.booking-cancelled', { attendee: mail.attendee })
  return (
    <MailLayout mail={mail} preview={body}>
      <Text>{body}</Text>
    </MailLayout>
  )
}
