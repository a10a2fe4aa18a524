import { addDays, nextWeekday, shanghaiDay } from '~/utils/time'

// Tests own their clock. Each test builds its data from one `now` — the real time when it
// starts, so the suite runs on whatever date the machine has (CI also runs it with the clock
// a year ahead) — and every date it needs is relative to that `now`, never a literal year.

export const MINUTE = 60 * 1000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

export type TestClock = ReturnType<typeof testClock>

export function testClock(now = new Date()) {
  return {
    now,
    /** `now` moved by some milliseconds (negative for the past) */
    plus: (ms: number) => new Date(now.getTime() + ms),
    /** the Shanghai calendar day `days` after today, as YYYY-MM-DD */
    day: (days: number) => addDays(shanghaiDay(now), days),
    /** the first Monday at least `days` after today, as YYYY-MM-DD */
    mondayAfter: (days: number) => nextWeekday(addDays(shanghaiDay(now), days), 1),
  }
}

/** 2027-07-14 → 20270714, as iCalendar writes dates. */
export const icalDate = (day: string) => day.replaceAll('-', '')
