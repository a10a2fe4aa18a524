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

export const gender = z.enum(['female', 'male'], {
  errorMap: () => ({ message: 'errors.gender' }),
})

/** A calendar day "YYYY-MM-DD" from a date input, read as midnight in Shanghai. */
export const calendarDay = z
  .string({ required_error: 'errors.required' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'errors.date')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00+08:00`)), 'errors.date')
  .transform((s) => new Date(`${s}T00:00:00+08:00`))

export const pastBirthDate = calendarDay.refine(
  (d) => d.getTime() < Date.now() && d.getFullYear() >= 1900,
  'errors.birthDate',
)

export const phone = z
  .string({ required_error: 'errors.required' })
  .trim()
  .regex(/^\+?[0-9][0-9 -]{5,19}$/, 'errors.phone')

export const cuidId = z.string().regex(/^[a-z0-9]{20,32}$/i, 'errors.invalid')
