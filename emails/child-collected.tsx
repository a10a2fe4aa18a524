import { Text } from '@react-email/components'
import { MailLayout, type MailProps } from './layout'

/** A child was collected from a camp day: who collected them, and when. */
export default function ChildCollected(mail: MailProps) {
  const body = mail.t('mail.body.child-collected', { attendee: mail.attendee, by: mail.collectedBy ?? '', time: mail.collectedAt ?? '' })
  return (
    <MailLayout mail={mail} preview={body}>
      <Text>{body}</Text>
      <Text style={{ color: '#57606a' }}>{mail.t('mail.body.child-collected-note', { phone: mail.phone })}</Text>
    </MailLayout>
  )
}
