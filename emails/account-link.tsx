import { Section, Text } from '@react-email/components'
import type { AccountMailKind } from '~/models/outbox/outbox.server'
import { ActionButton, MailFrame, type MailProps } from './layout'

export type AccountMailProps = {
  t: MailProps['t']
  lang: string
  kind: AccountMailKind
  recipientName: string
  /** the one-time link (absent for the notice that an address was changed) */
  url?: string
  /** the address an account moved to (email-changed) or is moving to (confirm-email-change) */
  newEmail?: string
}

/**
 * Mail about the account itself: a one-time link (verify the address, reset the password,
 * confirm a new address) or the notice that the address was changed. It says how long the
 * link lasts and what to do if the reader did not ask for it.
 */
export default function AccountLink(mail: AccountMailProps) {
  const { t, kind } = mail
  const body = t(`mail.account.${kind}.body`, { newEmail: mail.newEmail ?? '' })
  return (
    <MailFrame
      t={t}
      lang={mail.lang}
      title={t(`mail.subject.${kind}`)}
      recipientName={mail.recipientName}
      preview={body}
      footer={t('mail.accountFooter')}
    >
      <Text>{body}</Text>
      {mail.url ? (
        <Section style={{ margin: '16px 0' }}>
          <ActionButton href={mail.url} primary>
            {t(`mail.account.${kind}.button`)}
          </ActionButton>
        </Section>
      ) : null}
      <Text style={{ color: '#57606a' }}>{t(`mail.account.${kind}.note`)}</Text>
    </MailFrame>
  )
}
