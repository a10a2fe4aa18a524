import { Button, Text } from '@react-email/components'
import { MailLayout, type MailProps } from './layout'

/** After a social's mutual-choice round: the participant's mutual matches, or a kind word that there were none. */
export default function MutualMatches(mail: MailProps) {
  const matches = mail.matches ?? []
  const intro = matches.length > 0 ? mail.t('mail.body.mutual-matches', { count: matches.length }) : mail.t('mail.body.mutual-none')
  return (
    <MailLayout mail={mail} preview={intro}>
      <Text>{intro}</Text>
      {matches.map((m) => (
        <Text key={m.badge}>
          {mail.t('mail.body.mutual-match', { badge: m.badge, name: m.name })}
          {m.contact
            ? ` · ${mail.t(`mail.body.mutual-share.${m.share}`, { contact: m.contact })}`
            : ` · ${mail.t('mail.body.mutual-share.none')}`}
        </Text>
      ))}
      {mail.matchesUrl ? (
        <Button href={mail.matchesUrl} style={{ color: '#b5224f' }}>
          {mail.t('mail.body.mutual-link')}
        </Button>
      ) : null}
      <Text style={{ color: '#57606a' }}>{mail.t('mail.body.mutual-note')}</Text>
    </MailLayout>
  )
}
