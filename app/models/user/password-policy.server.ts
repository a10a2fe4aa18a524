import { dictionary } from '@zxcvbn-ts/language-common'
import type { z } from 'zod'
import { changePasswordSchema, resetPasswordSchema, signupSchema } from './schemas'

// zxcvbn-ts's list of the ~49 000 passwords most often found in breaches, shipped in the
// package (nothing is fetched at run time); only its entries long enough to pass the length
// rule matter, so only those are kept in memory.
const COMMON = new Set(dictionary['passwords-common'].filter((p) => p.length >= 10).map((p) => p.toLowerCase()))

export function isCommonPassword(password: string) {
  return COMMON.has(password.toLowerCase())
}

/**
 * A form schema as the server checks it: the shared schema (length, match) and, on top, no
 * password from the common list — 'errors.passwordCommon' on the `password` field.
 */
export function refusingCommonPasswords<S extends z.ZodType<{ password: string }, z.ZodTypeDef, unknown>>(
  schema: S,
): z.ZodEffects<S, z.output<S>, z.input<S>> {
  return schema.superRefine((value, ctx) => {
    if (isCommonPassword(value.password)) ctx.addIssue({ code: 'custom', path: ['password'], message: 'errors.passwordCommon' })
  }) as z.ZodEffects<S, z.output<S>, z.input<S>>
}

/**
 * The forms that set a password, as the server checks them. Made here, in a server module: a
 * route that called refusingCommonPasswords at its top level would run it in the browser too,
 * where server modules are empty (the route's script then fails and the page never hydrates).
 */
export const serverPasswordSchemas = {
  signup: refusingCommonPasswords(signupSchema),
  resetPassword: refusingCommonPasswords(resetPasswordSchema),
  changePassword: refusingCommonPasswords(changePasswordSchema),
}
