import { Text } from '@react-email/components'
import { MailLayout, type MailProps } from './layout'

export default function OrganiserMessage(mail: MailProps) {
  const body = mail.t('mail.body.organiser-message', { body: mail.body })
  return (
    <MailLayout mail={mail} preview={body}>
      <Text>{body}</Text>
    </MailLayout>
  )
}
