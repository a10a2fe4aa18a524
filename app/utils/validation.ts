import { z } from 'zod'

// zod messages are i18n keys (see app/locales); the UI translates them.
export const requiredText = (max: number) =>
  z
    .string({ required_error: 'errors.required', invalid_type_error: 'errors.required' })
    .trim()
    .min(1, 'errors.required')
    .max(max, 'errors.tooLong')

export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'errors.tooLong')
    .optional()
    .transform((v) => (v ? v : undefined))

/** A whole number from a form field, within a range. */
export const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number({ invalid_type_error: 'errors.number', required_error: 'errors.required' })
    .int('errors.number')
    .min(min, 'errors.numberRange')
    .max(max, 'errors.numberRange')

/** The same, or nothing when the field is left empty. */
export const optionalWholeNumber = (min: number, max: number) =>
  z.preprocess((v) => (v === '' || v === undefined || v === null ? undefined : v), wholeNumber(min, max).optional())

/** A time of day "HH:MM" (24 hours). */
export const clockTime = z.string({ required_error: 'errors.required' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'errors.time')

export const gender = z.enum(['female', 'male'], {
  errorMap: () => ({ message: 'errors.gender' }),
})

/**
 * "YYYY-MM-DD" that names a day that exists, in a sane range: 2026-02-30 is not 2 March,
 * 0000-00-00 and 2026-13-01 are not dates at all.
 */
export function isRealDay(value: string) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!match) return false
  const [y, m, d] = match.slice(1).map(Number)
  if (y < 1900 || y > 2200) return false
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

/** A calendar day "YYYY-MM-DD" from a date input, read as midnight in Shanghai. */
export const calendarDay = z
  .string({ required_error: 'errors.required' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'errors.date')
  .refine(isRealDay, 'errors.date')
  .transform((s) => new Date(`${s}T00:00:00+08:00`))

export const pastBirthDate = calendarDay.refine((d) => d.getTime() < Date.now() && d.getFullYear() >= 1900, 'errors.birthDate')

export const phone = z
  .string({ required_error: 'errors.required' })
  .trim()
  .regex(/^\+?[0-9][0-9 -]{5,19}$/, 'errors.phone')

export const cuidId = z.string().regex(/^[a-z0-9]{20,32}$/i, 'errors.invalid')
