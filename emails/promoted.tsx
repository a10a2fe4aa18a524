import { Text } from '@react-email/components'
import { MailLayout, type MailProps } from './layout'

export default function Promoted(mail: MailProps) {
  const body = mail.t('mail.body.promoted', { attendee: mail.attendee })
  return (
    <MailLayout mail={mail} preview={body}>
      <Text>{body}</Text>
    </MailLayout>
  )
}
