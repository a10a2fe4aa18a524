// Everything is stored in UTC and shown in Asia/Shanghai (UTC+8, no daylight saving).
export const TIME_ZONE = 'Asia/Shanghai'
const OFFSET_MS = 8 * 60 * 60 * 1000

export type Lang = 'zh-CN' | 'en'

// Building an Intl.DateTimeFormat costs far more than using one: keep one per language.
const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(lang: Lang, kind: 'date' | 'time' | 'weekday' | 'day' | 'birthday') {
  const key = `${lang}:${kind}`
  let format = formatters.get(key)
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'date'
        ? { year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' }
        : kind === 'time'
          ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
          : kind === 'day'
            ? { month: 'short', day: 'numeric' }
            : kind === 'birthday'
              ? { year: 'numeric', month: 'long', day: 'numeric' }
              : { weekday: 'short' }
    format = new Intl.DateTimeFormat(lang, { ...options, timeZone: TIME_ZONE })
    formatters.set(key, format)
  }
  return format
}

export function formatDate(date: Date, lang: Lang) {
  return formatter(lang, 'date').format(date)
}

/** A date of birth: year, month, day — no weekday (nobody needs to know a birthday was a Friday). */
export function formatBirthDate(date: Date, lang: Lang) {
  return formatter(lang, 'birthday').format(date)
}

export function formatTime(date: Date, lang: Lang) {
  return formatter(lang, 'time').format(date)
}

/** A calendar day (YYYY-MM-DD) as "7月15日" / "Jul 15", no weekday. */
export function formatDay(day: string, lang: Lang) {
  return formatter(lang, 'day').format(shanghaiTime(day, '12:00'))
}

/** The wall-clock "HH:mm" of an instant in Shanghai (the inverse of shanghaiTime's time). */
export function shanghaiClock(date: Date) {
  return toLocalInput(date).slice(11, 16)
}

export function formatDateTime(date: Date, lang: Lang) {
  return `${formatDate(date, lang)} ${formatTime(date, lang)}`
}

/** "YYYY-MM-DD" of the calendar day in Shanghai. */
export function shanghaiDay(date: Date): string {
  return new Date(date.getTime() + OFFSET_MS).toISOString().slice(0, 10)
}

/** "YYYY-MM" of the calendar month in Shanghai. */
export function shanghaiMonth(date: Date): string {
  return shanghaiDay(date).slice(0, 7)
}

/** The instant of a wall-clock time in Shanghai: shanghaiTime('2026-07-06', '08:30'). */
export function shanghaiTime(day: string, time = '00:00'): Date {
  return new Date(`${day}T${time}:00+08:00`)
}

const DAY_MS = 24 * 60 * 60 * 1000

/** The calendar day `days` after `day` (both YYYY-MM-DD in Shanghai; negative goes back). */
export function addDays(day: string, days: number): string {
  return shanghaiDay(new Date(shanghaiTime(day, '12:00').getTime() + days * DAY_MS))
}

/** The first day on or after `day` that falls on `weekday` (0 = Sunday … 6 = Saturday). */
export function nextWeekday(day: string, weekday: number): string {
  const current = new Date(`${day}T12:00:00Z`).getUTCDay()
  return addDays(day, (weekday - current + 7) % 7)
}

/** Whole years between a birth date and a day (both as calendar days in Shanghai). */
export function ageOn(birthDate: Date, on: Date): number {
  const [by, bm, bd] = shanghaiDay(birthDate).split('-').map(Number)
  const [y, m, d] = shanghaiDay(on).split('-').map(Number)
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0)
}

const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const

/** "MO,TU,WE" → "周一、周二、周三" / "Mon, Tue, Wed" */
export function formatWeekdays(codes: string, lang: Lang) {
  const format = formatter(lang, 'weekday')
  // 2024-01-01 was a Monday
  const names = codes
    .split(',')
    .map((c) => WEEKDAY_CODES.indexOf(c.trim() as (typeof WEEKDAY_CODES)[number]))
    .filter((i) => i >= 0)
    .map((i) => format.format(shanghaiTime(`2024-01-0${i + 1}`, '12:00')))
  return names.join(lang === 'en' ? ', ' : '、')
}

/** "2 h 15 min" / "2 小时 15 分" until a deadline (never negative). */
export function formatTimeLeft(until: Date, now: Date, lang: Lang) {
  const minutes = Math.max(0, Math.round((until.getTime() - now.getTime()) / 60000))
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  return lang === 'en' ? `${h} h ${m} min` : `${h} 小时 ${m} 分`
}

/** "YYYY-MM-DDTHH:mm" in Shanghai, for <input type="datetime-local">. */
export function toLocalInput(date: Date) {
  return new Date(date.getTime() + OFFSET_MS).toISOString().slice(0, 16)
}
