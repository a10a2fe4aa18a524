import type { Language } from '~/i18n'
import { localized } from '~/models/programme/constants'
import { shanghaiDay } from '~/utils/time'
import { alarmSecondsBefore, rulesOf } from '~/models/reminders/rules'
import type { InviteEvent } from './invite.server'

/** What a booking's calendar event needs; used by invites, the feed and the download. */
export const bookingEventInclude = {
  booker: { select: { name: true, email: true } },
  child: { select: { name: true } },
  attendeeUser: { select: { name: true } },
  session: { include: { programme: { include: { department: true } } } },
} as const

type BookingWithEvent = {
  icalUid: string
  icalSequence: number
  booker: { name: string; email: string }
  child: { name: string } | null
  attendeeUser: { name: string } | null
  session: {
    startsAt: Date
    endsAt: Date
    repeatDays: string | null
    repeatUntil: Date | null
    excludedDates: string | null
    placeZh: string
    placeEn: string
    programme: {
      titleZh: string
      titleEn: string
      summaryZh: string
      summaryEn: string
      department: { nameZh: string; nameEn: string; email: string }
      /** absent in a copy kept for a booking about to go (mail-context): no alarm then */
      kind?: string
      reminderRules?: string | null
    }
  }
}

/**
 * The calendar event of a booking. Nothing private goes in: no signed links, no children's
 * notes, because invites travel to calendar servers. For a child the summary names the child.
 */
export function bookingEvent(booking: BookingWithEvent, lang: Language, sequence = booking.icalSequence): InviteEvent {
  const { session } = booking
  const { programme } = session
  const title = localized(programme, 'title', lang)
  const attendee = booking.child?.name ?? booking.attendeeUser?.name ?? booking.booker.name
  return {
    uid: booking.icalUid,
    sequence,
    summary: booking.child ? `${title} · ${attendee}` : title,
    description: localized(programme, 'summary', lang),
    location: localized(session, 'place', lang),
    start: session.startsAt,
    end: session.endsAt,
    repeatDays: session.repeatDays,
    repeatUntil: session.repeatUntil,
    excludedDates: session.excludedDates,
    organiser: { name: localized(programme.department, 'name', lang), email: programme.department.email },
    attendee: { name: attendee, email: booking.booker.email },
    alarm: alarmOf(session, title),
  }
}

function alarmOf(session: BookingWithEvent['session'], title: string): InviteEvent['alarm'] {
  const { kind, reminderRules } = session.programme
  if (kind === undefined || reminderRules === undefined) return null
  const secondsBefore = alarmSecondsBefore(rulesOf({ kind, reminderRules }), session.startsAt, shanghaiDay(session.startsAt))
  return secondsBefore === null ? null : { secondsBefore, description: title }
}
