import { z } from 'zod'
import { gender, optionalText, pastBirthDate, phone, requiredText } from '~/utils/validation'

/** How membership numbers are compared and stored: full-width folded, spaces dropped, upper case. */
export const normaliseMemberNo = (value: string) => value.normalize('NFKC').replace(/\s+/g, '').toUpperCase()
export const MEMBER_NO = /^[A-Z0-9-]{4,30}$/

const email = z.string({ required_error: 'errors.required' }).trim().max(200, 'errors.tooLong').email('errors.email')

export const loginSchema = z.object({
  email,
  password: z.string({ required_error: 'errors.required' }).min(1, 'errors.required').max(200, 'errors.tooLong'),
  redirectTo: z.string().optional(),
})

/**
 * Length, not composition (NIST SP 800-63B): at least 10 characters, up to bcrypt's 72. The
 * server also refuses the most common passwords (password-policy.server.ts), a list too big
 * to ship to the phone.
 */
export const PASSWORD_MIN = 10
const password = z.string({ required_error: 'errors.required' }).min(PASSWORD_MIN, 'errors.passwordShort').max(72, 'errors.tooLong')

export const profileFields = {
  name: requiredText(50),
  phone,
  gender,
  birthDate: pastBirthDate,
  // typed on a phone: full-width letters and digits, stray spaces, lower case all read as the card's
  memberNo: optionalText(60)
    .transform((v) => (v ? normaliseMemberNo(v) : v))
    .refine((v) => !v || MEMBER_NO.test(v), 'errors.memberNo'),
}

export const signupSchema = z
  .object({
    email,
    password,
    confirmPassword: z.string({ required_error: 'errors.required' }),
    ...profileFields,
    acceptNotice: z.literal('on', { errorMap: () => ({ message: 'privacy.mustAccept' }) }),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ['confirmPassword'],
    message: 'errors.passwordMismatch',
  })
export type SignupInput = z.infer<typeof signupSchema>

const newPasswordFields = { password, confirmPassword: z.string({ required_error: 'errors.required' }).max(200, 'errors.tooLong') }
const passwordsMatch: [(v: { password: string; confirmPassword: string }) => boolean, { path: string[]; message: string }] = [
  (v) => v.password === v.confirmPassword,
  { path: ['confirmPassword'], message: 'errors.passwordMismatch' },
]

export const forgotPasswordSchema = z.object({ email })
export const resetPasswordSchema = z.object(newPasswordFields).refine(...passwordsMatch)
export const changePasswordSchema = z
  .object({
    intent: z.literal('change-password'),
    currentPassword: z.string({ required_error: 'errors.required' }).max(200, 'errors.tooLong'),
    ...newPasswordFields,
  })
  .refine(...passwordsMatch)
export const changeEmailSchema = z.object({
  intent: z.literal('change-email'),
  newEmail: email,
  currentPassword: z.string({ required_error: 'errors.required' }).max(200, 'errors.tooLong'),
})

export const profileSchema = z.object(profileFields)
export type ProfileInput = z.infer<typeof profileSchema>

export const childSchema = z.object({
  name: requiredText(50),
  birthDate: pastBirthDate,
  gender,
  notes: optionalText(500),
  // PIPL: a guardian's separate consent for the child's information, and another for health
  // notes; required once per child (app/models/child/children.server.ts checks what is on record)
  consentChild: z.literal('on').optional(),
  consentHealth: z.literal('on').optional(),
})
export type ChildInput = z.infer<typeof childSchema>
