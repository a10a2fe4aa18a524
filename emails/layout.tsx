import { Body, Button, Container, Head, Heading, Hr, Html, Preview, Section, Text } from '@react-email/components'
import type { ReactNode } from 'react'

export type MailProps = {
  t: (key: string, params?: Record<string, unknown>) => string
  lang: string
  recipientName: string
  title: string
  attendee: string
  when: string
  place: string
  phone: string
  bookingsUrl: string
  position?: number
  /** a lottery mail: the public results page, and the number drawn on the waitlist */
  resultsUrl?: string
  waitlistNo?: number
  choice?: number
  deadline?: string
  acceptUrl?: string
  declineUrl?: string
  reason?: string
  subject?: string
  body?: string
  /** a child collected: by whom (name and relation) and when */
  collectedBy?: string
  collectedAt?: string
  /** the mutual-choice round of a social: each mutual match, with only what they agreed to share */
  matches?: { badge: number; name: string; contact: string | null; share: string }[]
  matchesUrl?: string
  /** a reminder: what to bring, and where to cancel or report an absence (a series) */
  prepare?: string
  cancelUrl?: string
  daysUrl?: string
  /** the word afterwards: the signed link to answer from */
  feedbackUrl?: string
}

const brand = '#b5224f'

/** The Carnation frame every message shares: brand, title, greeting, what it says, footer. */
export function MailFrame(props: {
  t: MailProps['t']
  lang: string
  title: string
  recipientName: string
  preview: string
  footer: string
  children: ReactNode
}) {
  const { t } = props
  return (
    <Html lang={props.lang}>
      <Head />
      <Preview>{props.preview}</Preview>
      <Body style={{ backgroundColor: '#fffafb', fontFamily: 'system-ui, "PingFang SC", "Microsoft YaHei", sans-serif', color: '#1f2328' }}>
        <Container style={{ maxWidth: 560, padding: 16 }}>
          <Text style={{ color: brand, fontWeight: 700, fontSize: 18 }}>🌸 {t('mail.brand')}</Text>
          <Heading as="h1" style={{ fontSize: 20 }}>
            {props.title}
          </Heading>
          <Text>{t('mail.greeting', { name: props.recipientName })}</Text>
          {props.children}
          <Hr />
          <Text style={{ color: '#57606a', fontSize: 12 }}>{props.footer}</Text>
        </Container>
      </Body>
    </Html>
  )
}

/** A booking's message: the frame, the session's details and a way back to one's bookings. */
export function MailLayout(props: { mail: MailProps; preview: string; children: ReactNode; showDetails?: boolean }) {
  const { t } = props.mail
  return (
    <MailFrame
      t={t}
      lang={props.mail.lang}
      title={props.mail.title}
      recipientName={props.mail.recipientName}
      preview={props.preview}
      footer={t('mail.footer', { phone: props.mail.phone })}
    >
      {props.children}
      {props.showDetails === false ? null : (
        <Section style={{ border: '1px solid #d0d7de', borderRadius: 8, padding: '4px 12px' }}>
          <Heading as="h2" style={{ fontSize: 16 }}>
            {t('mail.details')}
          </Heading>
          <Text>{t('mail.attendee', { name: props.mail.attendee })}</Text>
          <Text>{t('mail.when', { when: props.mail.when })}</Text>
          <Text>{t('mail.where', { place: props.mail.place })}</Text>
        </Section>
      )}
      <Section style={{ marginTop: 16 }}>
        <Button href={props.mail.bookingsUrl} style={{ color: brand }}>
          {t('mail.viewBookings')}
        </Button>
      </Section>
    </MailFrame>
  )
}

/** Accept and decline, for a held place (an offer, or a place drawn in a lottery's offer mode). */
export function OfferButtons(mail: Pick<MailProps, 't' | 'acceptUrl' | 'declineUrl'>) {
  if (!mail.acceptUrl || !mail.declineUrl) return null
  return (
    <Section style={{ margin: '12px 0' }}>
      <ActionButton href={mail.acceptUrl} primary>
        {mail.t('mail.accept')}
      </ActionButton>
      <ActionButton href={mail.declineUrl}>{mail.t('mail.decline')}</ActionButton>
    </Section>
  )
}

export function ActionButton({ href, children, primary }: { href: string; children: ReactNode; primary?: boolean }) {
  return (
    <Button
      href={href}
      style={{
        backgroundColor: primary ? brand : '#ffffff',
        color: primary ? '#ffffff' : brand,
        border: `1px solid ${brand}`,
        borderRadius: 8,
        padding: '10px 16px',
        marginRight: 8,
      }}
    >
      {children}
    </Button>
  )
}
