import { Text } from '@react-email/components'
import { MailLayout, type MailProps } from './layout'

export default function SessionCancelled(mail: MailProps) {
  const body = mail.t('mail.body.session-cancelled', { reason: mail.reason ?? '—' })
  return (
    <MailLayout mail={mail} preview={body}>
      <Text>{body}</Text>
    </MailLayout>
  )
}
