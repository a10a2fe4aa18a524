import { addDays, shanghaiClock, shanghaiDay, shanghaiTime } from '~/utils/time'

/**
 * A repeating session (a camp term, a weekly course) is one row: its first meeting
 * (startsAt–endsAt), the weekdays it meets on, the instant it repeats until (the last day's
 * end time, inclusive) and holidays. This module is the one reading of that row — the site,
 * the mail text and the calendar invite all take their meeting days from here.
 */
export type Series = {
  startsAt: Date
  endsAt: Date
  repeatDays: string | null
  repeatUntil: Date | null
  excludedDates: string | null
}

const CODES = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const

/** "YYYY-MM-DD" holidays of a series, sorted, without blanks or repeats. */
export function holidays(series: Pick<Series, 'excludedDates'>): string[] {
  const days = (series.excludedDates ?? '').split(/[\s,]+/).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))
  return [...new Set(days)].sort()
}

/** The weekday code (SU, MO … SA) of a calendar day. */
export function weekdayOf(day: string) {
  return CODES[new Date(`${day}T12:00:00Z`).getUTCDay()]
}

/**
 * Every day (YYYY-MM-DD in Shanghai) the session meets: the first day, then each listed
 * weekday up to the last day, minus holidays. A single session meets on its one day.
 */
export function meetingDays(series: Series): string[] {
  const first = shanghaiDay(series.startsAt)
  if (!series.repeatDays || !series.repeatUntil) return [first]
  const weekdays = new Set(series.repeatDays.split(',').map((d) => d.trim()))
  const off = new Set(holidays(series))
  const last = shanghaiDay(series.repeatUntil)
  const days: string[] = []
  // the first meeting always counts (RFC 5545: DTSTART is the first instance)
  for (let day = first, n = 0; day <= last && n < 1000; day = addDays(day, 1), n++) {
    if ((day === first || weekdays.has(weekdayOf(day))) && !off.has(day)) days.push(day)
  }
  return days
}

/**
 * When the meeting of `day` starts and ends: every meeting of a series keeps the first one's
 * start time and length — so a meeting that runs past midnight (22:00–00:30) ends the next day,
 * not before it starts.
 */
export function meetingTimes(series: Pick<Series, 'startsAt' | 'endsAt'>, day: string) {
  const startsAt = shanghaiTime(day, shanghaiClock(series.startsAt))
  return { startsAt, endsAt: new Date(startsAt.getTime() + (series.endsAt.getTime() - series.startsAt.getTime())) }
}

function daysBetween(from: string, to: string) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

/**
 * Move a session to a new first meeting. A repeating session moves as a whole: its weekdays,
 * last day and holidays shift by the same number of days as its first meeting, and the series
 * ends at the new end time on the (shifted) last day — so it still meets as many times.
 */
export function moveSeries(series: Series, to: { startsAt: Date; endsAt: Date }) {
  if (!series.repeatDays || !series.repeatUntil) return { startsAt: to.startsAt, endsAt: to.endsAt }
  const shift = daysBetween(shanghaiDay(series.startsAt), shanghaiDay(to.startsAt))
  const repeatDays = series.repeatDays
    .split(',')
    .map((code) => CODES[(CODES.indexOf(code.trim() as (typeof CODES)[number]) + (shift % 7) + 7) % 7])
    .join(',')
  const excluded = holidays(series).map((day) => addDays(day, shift))
  return {
    startsAt: to.startsAt,
    endsAt: to.endsAt,
    repeatDays,
    repeatUntil: shanghaiTime(addDays(shanghaiDay(series.repeatUntil), shift), shanghaiClock(to.endsAt)),
    excludedDates: excluded.length > 0 ? excluded.join(',') : null,
  }
}

/** When a session's last meeting ends: the series' last day for a term or course, else the session's end. */
export function seriesEnd(session: { endsAt: Date; repeatUntil: Date | null }) {
  return session.repeatUntil && session.repeatUntil > session.endsAt ? session.repeatUntil : session.endsAt
}

/**
 * The meeting day a record made at `now` belongs to: the meeting in progress (a social from 22:00
 * to 00:30 is still the day it began after midnight), otherwise today in Shanghai.
 */
export function meetingDayAt(series: Series, now: Date) {
  const today = shanghaiDay(now)
  const yesterday = addDays(today, -1)
  if (meetingDays(series).includes(yesterday) && meetingTimes(series, yesterday).endsAt > now) return yesterday
  return today
}
