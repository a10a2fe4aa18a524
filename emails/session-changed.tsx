import { Text } from '@react-email/components'
import { MailLayout, type MailProps } from './layout'

export default function SessionChanged(mail: MailProps) {
  const body = mail.t('mail.body.session-changed', {})
  return (
    <MailLayout mail={mail} preview={body}>
      <Text>{body}</Text>
    </MailLayout>
  )
}
