import { Section, Text } from '@react-email/components'
import { ActionButton, MailLayout, type MailProps } from './layout'

export default function Offer(mail: MailProps) {
  const body = mail.t('mail.body.offer', { attendee: mail.attendee, deadline: mail.deadline })
  return (
    <MailLayout mail={mail} preview={body}>
      <Text>{body}</Text>
      {mail.acceptUrl && mail.declineUrl ? (
        <Section style={{ margin: '12px 0' }}>
          <ActionButton href={mail.acceptUrl} primary>
            {mail.t('mail.accept')}
          </ActionButton>
          <ActionButton href={mail.declineUrl}>{mail.t('mail.decline')}</ActionButton>
        </Section>
      ) : null}
    </MailLayout>
  )
}
