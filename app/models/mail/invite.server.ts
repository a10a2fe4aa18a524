import { getVtimezoneComponent } from '@touch4it/ical-timezones'
import ical, {
  type ICalCalendar,
  ICalAlarmType,
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventRepeatingFreq,
  ICalEventStatus,
  ICalWeekday,
} from 'ical-generator'
import { DateTime } from 'luxon'
import { holidays } from '~/models/programme/recurrence'
import { shanghaiClock, shanghaiTime, TIME_ZONE } from '~/utils/time'

// ical-generator writes a native Date in the server's own zone; luxon dates carry Shanghai's.
const inShanghai = (date: Date) => DateTime.fromJSDate(date, { zone: TIME_ZONE })

export type InviteEvent = {
  uid: string
  sequence: number
  summary: string
  description: string
  location: string
  start: Date
  end: Date
  repeatDays: string | null
  repeatUntil: Date | null
  excludedDates: string | null
  organiser: { name: string; email: string }
  attendee: { name: string; email: string }
  /** the programme's first reminder rule as an alarm: seconds before each meeting's start (null: none) */
  alarm: { secondsBefore: number; description: string } | null
}

const WEEKDAYS: Record<string, ICalWeekday> = {
  MO: ICalWeekday.MO,
  TU: ICalWeekday.TU,
  WE: ICalWeekday.WE,
  TH: ICalWeekday.TH,
  FR: ICalWeekday.FR,
  SA: ICalWeekday.SA,
  SU: ICalWeekday.SU,
}

/**
 * One booking as an iCalendar invite (RFC 5546): REQUEST to add or update it (same UID,
 * higher SEQUENCE), CANCEL to remove it. A camp term is one event with a weekly RRULE and
 * EXDATEs for holidays; times carry the Asia/Shanghai VTIMEZONE.
 */
export function buildInvite(method: 'REQUEST' | 'CANCEL', event: InviteEvent): string {
  const calendar = newCalendar(method === 'REQUEST' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL)
  addEvent(calendar, event, method === 'CANCEL')
  return calendar.toString()
}

/** A member's private feed: every confirmed booking, no METHOD (a subscription, not a message). */
export function buildFeed(name: string, events: InviteEvent[]): string {
  const calendar = newCalendar(null)
  calendar.name(name)
  for (const event of events) addEvent(calendar, event, false)
  return calendar.toString()
}

function newCalendar(method: ICalCalendarMethod | null) {
  return ical({
    name: '康乃馨 Carnation',
    prodId: { company: 'Carnation', product: 'bookings', language: 'ZH' },
    ...(method ? { method } : {}),
    // No calendar-wide zone: that makes ical-generator write DTSTAMP and UNTIL as floating
    // local time (RFC 5545 wants UTC there) and add a non-standard TIMEZONE-ID line. Each
    // event carries its TZID; the generator still writes the VTIMEZONE those refer to.
    timezone: { name: null, generator: getVtimezoneComponent },
  })
}

function addEvent(calendar: ICalCalendar, event: InviteEvent, cancelled: boolean) {
  const startTime = shanghaiClock(event.start)
  const excluded = holidays(event)
  calendar.createEvent({
    id: event.uid,
    sequence: event.sequence,
    start: inShanghai(event.start),
    end: inShanghai(event.end),
    timezone: TIME_ZONE,
    summary: event.summary,
    description: event.description,
    location: event.location,
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    // calendars remind too, at the programme's first reminder rule (RFC 5545 VALARM, relative to DTSTART)
    alarms:
      event.alarm && !cancelled
        ? [{ type: ICalAlarmType.display, triggerBefore: event.alarm.secondsBefore, description: event.alarm.description }]
        : [],
    organizer: { name: event.organiser.name, email: event.organiser.email },
    attendees: [
      {
        name: event.attendee.name,
        email: event.attendee.email,
        rsvp: false,
        role: ICalAttendeeRole.REQ,
        status: cancelled ? ICalAttendeeStatus.DECLINED : ICalAttendeeStatus.ACCEPTED,
      },
    ],
    repeating:
      event.repeatDays && event.repeatUntil
        ? {
            freq: ICalEventRepeatingFreq.WEEKLY,
            byDay: event.repeatDays.split(',').flatMap((d) => (WEEKDAYS[d] ? [WEEKDAYS[d]] : [])),
            // a plain Date: written in UTC with Z, as RFC 5545 requires beside a TZID start
            until: new Date(event.repeatUntil),
            // no holidays, no EXDATE line at all (an empty one breaks ical.js)
            ...(excluded.length > 0 ? { exclude: excluded.map((day) => inShanghai(shanghaiTime(day, startTime))) } : {}),
          }
        : undefined,
  })
}
