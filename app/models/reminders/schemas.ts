import { z } from 'zod'
import { clockTime, optionalText, optionalWholeNumber } from '~/utils/validation'
import { MAX_REMINDER_RULES, REMINDER_MEETINGS, type ReminderRule } from './rules'

/** One row of the reminders form: off, "N days before at HH:MM", or "N hours before"; for which meetings. */
const ruleRow = z
  .object({
    type: z.enum(['off', 'days', 'hours'], { errorMap: () => ({ message: 'errors.invalid' }) }).default('off'),
    days: optionalWholeNumber(1, 14),
    at: clockTime.optional(),
    hours: optionalWholeNumber(1, 72),
    meetings: z.enum(REMINDER_MEETINGS, { errorMap: () => ({ message: 'errors.invalid' }) }).default('first'),
  })
  .superRefine((row, ctx) => {
    if (row.type === 'days' && row.days === undefined) ctx.addIssue({ code: 'custom', path: ['days'], message: 'errors.required' })
    if (row.type === 'days' && row.at === undefined) ctx.addIssue({ code: 'custom', path: ['at'], message: 'errors.required' })
    if (row.type === 'hours' && row.hours === undefined) ctx.addIssue({ code: 'custom', path: ['hours'], message: 'errors.required' })
  })

/** The "reminders and what to bring" form of a programme. */
export const remindersFormSchema = z.object({
  prepareZh: optionalText(2000),
  prepareEn: optionalText(3000),
  rules: z.array(ruleRow).max(MAX_REMINDER_RULES, 'errors.invalid').default([]),
})
export type RemindersForm = z.infer<typeof remindersFormSchema>

/** The rules a submitted form sets (rows left "off" are none). */
export function rulesFromForm(form: RemindersForm): ReminderRule[] {
  return form.rules.flatMap((row): ReminderRule[] => {
    if (row.type === 'days') return [{ type: 'days', days: row.days!, at: row.at!, meetings: row.meetings }]
    if (row.type === 'hours') return [{ type: 'hours', hours: row.hours!, meetings: row.meetings }]
    return []
  })
}
