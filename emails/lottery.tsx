import { Link, Text } from '@react-email/components'
import { MailLayout, OfferButtons, type MailProps } from './layout'

function ResultsLink(mail: MailProps) {
  return mail.resultsUrl ? (
    <Text>
      {mail.t('mail.lotteryResults')} <Link href={mail.resultsUrl}>{mail.resultsUrl}</Link>
    </Text>
  ) : null
}

/**
 * Drawn a place: booked with the calendar invite (auto mode), or held to be claimed before a
 * deadline with accept / decline buttons, as any offer (offer mode).
 */
export function LotteryPlaced(mail: MailProps) {
  const body = mail.acceptUrl
    ? mail.t('mail.body.lottery-offered', { attendee: mail.attendee, choice: mail.choice ?? 1, deadline: mail.deadline })
    : mail.t('mail.body.lottery-placed', { attendee: mail.attendee, choice: mail.choice ?? 1 })
  return (
    <MailLayout mail={mail} preview={body}>
      <Text>{body}</Text>
      <OfferButtons {...mail} />
      <ResultsLink {...mail} />
    </MailLayout>
  )
}

/** Not drawn a place: a waitlist number in draw order, served like any waitlist. */
export function LotteryWaitlisted(mail: MailProps) {
  const body = mail.t('mail.body.lottery-waitlisted', { attendee: mail.attendee, number: mail.waitlistNo ?? 1 })
  return (
    <MailLayout mail={mail} preview={body}>
      <Text>{body}</Text>
      <ResultsLink {...mail} />
    </MailLayout>
  )
}
