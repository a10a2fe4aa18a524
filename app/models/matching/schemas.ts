import { z } from 'zod'
import { SHARE_KINDS } from './constants'

/** The most badge numbers a programme may let a participant choose. */
export const MAX_CHOICES_LIMIT = 10

/** The boxes as posted, blanks dropped (conform reads an empty box as undefined). */
const filledBoxes = (v: unknown) =>
  (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((x) => typeof x !== 'string' || x.trim() !== '').filter((x) => x !== undefined)

/**
 * A participant's forms on their social page (plain posts, no JavaScript needed): what they
 * agree to share with a mutual match, and the badge numbers they choose (one box each; blanks
 * are skipped).
 */
const consentSchema = z
  .object({
    intent: z.literal('consent'),
    displayName: z.string({ required_error: 'errors.required' }).trim().min(1, 'errors.required').max(20, 'errors.tooLong'),
    share: z.enum(SHARE_KINDS, { errorMap: () => ({ message: 'errors.invalid' }) }),
    wechat: z.string().trim().max(40, 'errors.tooLong').optional(),
  })
  .refine((c) => c.share !== 'wechat' || Boolean(c.wechat), { path: ['wechat'], message: 'matching.errors.wechat' })

export const participantActionSchema = z.union([
  consentSchema,
  z.object({
    intent: z.literal('choose'),
    badge: z.preprocess(
      filledBoxes,
      z
        .array(
          z
            .string()
            .trim()
            .regex(/^\d{1,5}$/, 'matching.errors.badgeNumber')
            .transform(Number),
        )
        .max(MAX_CHOICES_LIMIT),
    ),
  }),
])
export type ParticipantAction = z.infer<typeof participantActionSchema>

/** The organiser's round buttons. */
export const roundActionSchema = z.object({ intent: z.enum(['open', 'close', 'badges']) })
