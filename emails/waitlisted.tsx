import { Text } from '@react-email/components'
import { MailLayout, type MailProps } from './layout'

export default function Waitlisted(mail: MailProps) {
  const body = mail.t('mail.body.waitlisted', { attendee: mail.attendee, position: mail.position })
  return (
    <MailLayout mail={mail} preview={body}>
      <Text>{body}</Text>
    </MailLayout>
  )
}
