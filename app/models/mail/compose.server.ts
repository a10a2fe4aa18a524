import { render } from '@react-email/render'
import { createElement, type ComponentType } from 'react'
import AccountLink from '../../../emails/account-link'
import BookingCancelled from '../../../emails/booking-cancelled'
import BookingConfirmed from '../../../emails/booking-confirmed'
import ChildCollected from '../../../emails/child-collected'
import type { MailProps } from '../../../emails/layout'
import Offer from '../../../emails/offer'
import { plainTextOptions } from '../../../emails/plain-text'
import OfferExpired from '../../../emails/offer-expired'
import OrganiserMessage from '../../../emails/organiser-message'
import Promoted from '../../../emails/promoted'
import SessionCancelled from '../../../emails/session-cancelled'
import SessionChanged from '../../../emails/session-changed'
import Waitlisted from '../../../emails/waitlisted'
import { LotteryPlaced, LotteryWaitlisted } from '../../../emails/lottery'
import MutualMatches from '../../../emails/mutual-matches'
import Reminder from '../../../emails/reminder'
import FeedbackRequest from '../../../emails/feedback-request'
import { feedbackLink } from '~/models/reminders/feedback.server'
import { meetingTimes } from '~/models/programme/recurrence'
import { matchesForBooking } from '~/models/matching/entry.server'
import { toLanguage } from '~/i18n'
import { contactPhoneOf, localized } from '~/models/programme/constants'
import { waitlistPosition } from '~/models/booking/booking-row.server'
import { db } from '~/utils/db.server'
import { i18next } from '~/utils/i18n.server'
import type { TFunction } from 'i18next'
import { appUrl } from '~/utils/signed-link.server'
import { formatDate, formatDateTime, formatTime, formatWeekdays } from '~/utils/time'
import { bookingEvent, bookingEventInclude } from './booking-event.server'
import { buildInvite } from './invite.server'
import { offerLink } from '~/models/booking/offer-link.server'
import { parsePayload, type MailPayload } from './mail-context.server'
import { isAccountMail, MAIL_KINDS, type AccountMailKind, type MailKind } from '~/models/outbox/outbox.server'
import { reader } from '~/utils/query.server'
import { accountTokenLink } from '~/models/user/account-tokens.server'

const TEMPLATES: Record<Exclude<MailKind, AccountMailKind>, ComponentType<MailProps>> = {
  'booking-confirmed': BookingConfirmed,
  waitlisted: Waitlisted,
  offer: Offer,
  promoted: Promoted,
  'offer-expired': OfferExpired,
  'booking-cancelled': BookingCancelled,
  'session-changed': SessionChanged,
  'session-cancelled': SessionCancelled,
  'organiser-message': OrganiserMessage,
  'lottery-placed': LotteryPlaced,
  'lottery-waitlisted': LotteryWaitlisted,
  'child-collected': ChildCollected,
  'mutual-matches': MutualMatches,
  reminder: Reminder,
  'feedback-request': FeedbackRequest,
}

/** A message that can never be built (its booking is gone, its payload is unreadable): retrying will not help. */
export class UnbuildableMailError extends Error {
  override name = 'UnbuildableMailError'
}

export type ComposedMail = {
  to: string
  from: string
  subject: string
  html: string
  text: string
  icalEvent?: { method: 'REQUEST' | 'CANCEL'; filename: string; content: string }
}

/** Render one outbox row into a message in the recipient's language, with its invite. */
export async function composeMail(
  message: { kind: string; toEmail: string; locale: string; bookingId: string | null; payload: string },
  fromAddress: string,
): Promise<ComposedMail> {
  if (!(MAIL_KINDS as readonly string[]).includes(message.kind)) throw new UnbuildableMailError(`unknown kind of mail: ${message.kind}`)
  const kind = message.kind as MailKind
  const parsed = parsePayload(message.payload)
  if (!parsed.success)
    throw new UnbuildableMailError(
      `unreadable payload: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`,
    )
  const payload = parsed.data
  const lang = toLanguage(message.locale)
  const t = await i18next.getFixedT(lang, 'common')
  if (isAccountMail(kind)) return composeAccountMail({ ...message, kind }, payload, lang, t, fromAddress)
  const live = message.bookingId ? await db.booking.findUnique({ where: { id: message.bookingId }, include: bookingEventInclude }) : null
  // a copy kept because the booking was about to lose its names (a child or an account
  // deleted) is what the message is about; otherwise the booking as it is now
  const booking = payload.context ?? live
  if (!booking) throw new UnbuildableMailError(`the booking of this ${kind} mail is gone and the message kept no copy of it`)
  const { session } = booking
  const { programme } = session
  const title = localized(programme, 'title', lang)
  // the same names and place as the invite carries
  const event = bookingEvent(booking, lang, payload.invite?.sequence)
  const offerExpiresAt = payload.offerExpiresAt ? new Date(payload.offerExpiresAt) : null
  // a social's mutual matches are read now, from the sealed choices: the outbox holds no name or contact
  const matches = kind === 'mutual-matches' && message.bookingId ? await matchesForBooking(message.bookingId) : undefined
  if (matches === null) throw new UnbuildableMailError('the choices of this round were deleted before its mail went out')
  // a reminder is about a place still held: one cancelled since it was queued is not reminded of
  if (kind === 'reminder' && (!live || live.status !== 'confirmed'))
    throw new UnbuildableMailError('the booking ended before its reminder went out')
  const meeting = payload.reminder ? meetingTimes(session, payload.reminder.day) : null
  const series = Boolean(session.repeatDays && session.repeatUntil)
  const props: MailProps = {
    t: (key, params) => String(t(key, params)),
    lang,
    recipientName: booking.booker.name,
    title,
    attendee: event.attendee.name,
    // a reminder names its own meeting; other mail the session as a whole
    when: meeting ? oneMeeting(meeting, lang) : describeWhen(session, lang),
    place: event.location,
    phone: contactPhoneOf(programme),
    bookingsUrl: appUrl('/me/bookings'),
    deadline: offerExpiresAt ? formatDateTime(offerExpiresAt, lang) : undefined,
    acceptUrl: offerExpiresAt ? offerLink(booking.id, offerExpiresAt, 'accept', lang) : undefined,
    declineUrl: offerExpiresAt ? offerLink(booking.id, offerExpiresAt, 'decline', lang) : undefined,
    position:
      kind === 'waitlisted' && booking.waitlistSeq !== null ? await waitlistPosition(reader, session.id, booking.waitlistSeq) : undefined,
    resultsUrl: payload.lottery ? appUrl(`/programmes/${payload.lottery.slug}/results`) : undefined,
    waitlistNo: payload.lottery?.waitlistNo,
    choice: payload.lottery?.choice,
    reason: payload.reason,
    subject: payload.subject,
    body: payload.body,
    collectedBy: payload.collected?.by,
    collectedAt: payload.collected ? formatDateTime(new Date(payload.collected.at), lang) : undefined,
    matches,
    matchesUrl: matches && message.bookingId ? appUrl(`/me/bookings/${message.bookingId}/social`) : undefined,
    prepare: kind === 'reminder' ? localized(programme, 'prepare', lang) || programme.prepareZh : undefined,
    cancelUrl: kind === 'reminder' ? appUrl(`/me/bookings/${booking.id}/cancel`) : undefined,
    daysUrl: kind === 'reminder' && series ? appUrl(`/me/bookings/${booking.id}/days`) : undefined,
    feedbackUrl: kind === 'feedback-request' ? feedbackLink(booking.id, lang) : undefined,
  }
  const element = createElement(TEMPLATES[kind], props)
  const composed: ComposedMail = {
    to: message.toEmail,
    from: fromAddress,
    subject: String(t(`mail.subject.${kind}`, { title, subject: payload.subject ?? '', when: props.when })),
    html: await render(element),
    text: await render(element, { plainText: true, htmlToTextOptions: plainTextOptions }),
  }
  if (payload.invite) {
    composed.icalEvent = {
      method: payload.invite.method,
      filename: payload.invite.method === 'CANCEL' ? 'cancel.ics' : 'invite.ics',
      content: buildInvite(payload.invite.method, event),
    }
  }
  return composed
}

/**
 * Mail about the account: the link is rebuilt from its token row at send time (the row keeps
 * only a hash of its secret); a link replaced or used before the mail went out is not sent.
 */
async function composeAccountMail(
  message: { kind: AccountMailKind; toEmail: string },
  payload: MailPayload,
  lang: 'zh-CN' | 'en',
  t: TFunction,
  fromAddress: string,
): Promise<ComposedMail> {
  let url: string | undefined
  let recipientName: string
  if (message.kind === 'email-changed' || message.kind === 'email-change-requested') {
    recipientName = payload.recipientName ?? ''
  } else {
    const token = payload.tokenId
      ? await db.accountToken.findUnique({
          where: { id: payload.tokenId },
          select: { id: true, purpose: true, tokenHash: true, usedAt: true, user: { select: { name: true } } },
        })
      : null
    const link = token && !token.usedAt ? accountTokenLink(token, lang) : null
    if (!token || !link) throw new UnbuildableMailError('the link of this mail was replaced or used before it went out')
    url = link
    recipientName = token.user.name
  }
  const element = createElement(AccountLink, {
    t: (key, params) => String(t(key, params)),
    lang,
    kind: message.kind,
    recipientName,
    url,
    newEmail: payload.newEmail,
  })
  return {
    to: message.toEmail,
    from: fromAddress,
    subject: String(t(`mail.subject.${message.kind}`)),
    html: await render(element),
    text: await render(element, { plainText: true, htmlToTextOptions: plainTextOptions }),
  }
}

function describeWhen(
  session: { startsAt: Date; endsAt: Date; repeatDays: string | null; repeatUntil: Date | null },
  lang: 'zh-CN' | 'en',
) {
  const day = oneMeeting(session, lang)
  if (!session.repeatDays || !session.repeatUntil) return day
  const every = formatWeekdays(session.repeatDays, lang)
  return lang === 'en'
    ? `${day}, every ${every} until ${formatDate(session.repeatUntil, lang)}`
    : `${day} 起，每周${every}，至 ${formatDate(session.repeatUntil, lang)}`
}

/** One meeting: its date and times. */
function oneMeeting(meeting: { startsAt: Date; endsAt: Date }, lang: 'zh-CN' | 'en') {
  return `${formatDate(meeting.startsAt, lang)} ${formatTime(meeting.startsAt, lang)}–${formatTime(meeting.endsAt, lang)}`
}
