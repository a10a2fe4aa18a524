import { z } from 'zod'
import type { ProgrammeKind } from '~/models/programme/constants'
import { meetingDays, meetingTimes, weekdayOf, type Series } from '~/models/programme/recurrence'
import { addDays, shanghaiTime } from '~/utils/time'
import { clockTime } from '~/utils/validation'

/**
 * A programme's reminder rules. A rule says when, relative to a meeting, the reminder goes out
 * — "N days before, at HH:MM" (the evening before: 1 day at 18:00) or "N hours before" — and
 * for which meetings: the first only, every one, or the first and each Monday (a camp term).
 */
export const REMINDER_MEETINGS = ['first', 'every', 'first-and-mondays'] as const
export type ReminderMeetings = (typeof REMINDER_MEETINGS)[number]

export const reminderRuleSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('days'), days: z.number().int().min(1).max(14), at: clockTime, meetings: z.enum(REMINDER_MEETINGS) }),
  z.object({ type: z.literal('hours'), hours: z.number().int().min(1).max(72), meetings: z.enum(REMINDER_MEETINGS) }),
])
export type ReminderRule = z.infer<typeof reminderRuleSchema>
export const MAX_REMINDER_RULES = 3
export const reminderRulesSchema = z.array(reminderRuleSchema).max(MAX_REMINDER_RULES)

/** A late reminder (the job was down at its moment) still goes until this long before the meeting; later it would help nobody. */
export const TOO_LATE_BEFORE_MS = 30 * 60 * 1000
/** The longest a rule can reach ahead of a meeting: 14 days before at 23:59 */
export const MAX_LEAD_MS = 15 * 24 * 60 * 60 * 1000

const evening = (meetings: ReminderMeetings): ReminderRule => ({ type: 'days', days: 1, at: '18:00', meetings })
/** Sensible defaults: check-ups and socials the evening before; a camp the evening before its first day; a course before each class. */
export const DEFAULT_RULES: Record<ProgrammeKind, ReminderRule[]> = {
  checkup: [evening('first')],
  social: [evening('first')],
  camp: [evening('first')],
  training: [evening('every')],
}

/** The rules a programme has: its own (validated; an unreadable value counts as none) or its kind's defaults. */
export function rulesOf(programme: { kind: string; reminderRules: string | null }): ReminderRule[] {
  if (programme.reminderRules === null) return DEFAULT_RULES[programme.kind as ProgrammeKind] ?? []
  try {
    const parsed = reminderRulesSchema.safeParse(JSON.parse(programme.reminderRules))
    return parsed.success ? parsed.data : []
  } catch {
    return []
  }
}

/** The rule's identity in the once-ever key: editing a rule makes a new one. */
export function ruleKey(rule: ReminderRule) {
  return rule.type === 'days' ? `d${rule.days}@${rule.at}/${rule.meetings}` : `h${rule.hours}/${rule.meetings}`
}

/** When a rule reminds of the meeting that starts at `startsAt` on `day`. */
export function reminderMoment(rule: ReminderRule, day: string, startsAt: Date) {
  return rule.type === 'days' ? shanghaiTime(addDays(day, -rule.days), rule.at) : new Date(startsAt.getTime() - rule.hours * 3_600_000)
}

function remindsOf(rule: ReminderRule, day: string, first: string) {
  if (rule.meetings === 'every' || day === first) return true
  return rule.meetings === 'first-and-mondays' && weekdayOf(day) === 'MO'
}

export type DueReminder = { day: string; rule: string; startsAt: Date; moment: Date }

/**
 * The reminders of one session due at `now`: for each meeting the rules apply to, the moment has
 * come and the meeting is still more than TOO_LATE_BEFORE_MS ahead (so a reminder missed while
 * the job was down goes late, never after the meeting began).
 */
export function dueReminders(series: Series, rules: ReminderRule[], now: Date): DueReminder[] {
  if (rules.length === 0) return []
  const days = meetingDays(series)
  const due: DueReminder[] = []
  for (const day of days) {
    const { startsAt } = meetingTimes(series, day)
    if (startsAt.getTime() - now.getTime() <= TOO_LATE_BEFORE_MS || startsAt.getTime() - now.getTime() > MAX_LEAD_MS) continue
    for (const rule of rules) {
      if (!remindsOf(rule, day, days[0])) continue
      const moment = reminderMoment(rule, day, startsAt)
      if (moment <= now) due.push({ day, rule: ruleKey(rule), startsAt, moment })
    }
  }
  return due
}

/** The calendar alarm (VALARM) of the first rule: seconds before the first meeting's start. */
export function alarmSecondsBefore(rules: ReminderRule[], firstStart: Date, firstDay: string) {
  const rule = rules[0]
  if (!rule) return null
  return Math.max(0, Math.round((firstStart.getTime() - reminderMoment(rule, firstDay, firstStart).getTime()) / 1000))
}
