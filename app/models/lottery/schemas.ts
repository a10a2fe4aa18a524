import { z } from 'zod'
import { cuidId } from '~/utils/validation'

/** How many sessions an applicant may rank. */
export const MAX_CHOICES = 5

const optionalChoice = z.preprocess((v) => (v === '' || v === null ? undefined : v), cuidId.optional())

/**
 * The application form (works without JavaScript: one select per rank, checkboxes for the
 * children). Choices are read in rank order, blanks skipped, the same session twice refused.
 */
export const lotteryActionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('apply'),
    childId: z.array(cuidId).max(10).optional(),
    together: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
    choice1: cuidId,
    choice2: optionalChoice,
    choice3: optionalChoice,
    choice4: optionalChoice,
    choice5: optionalChoice,
  }),
  z.object({ intent: z.literal('withdraw') }),
])
export type LotteryAction = z.infer<typeof lotteryActionSchema>

export function rankedChoices(action: Extract<LotteryAction, { intent: 'apply' }>) {
  return [action.choice1, action.choice2, action.choice3, action.choice4, action.choice5].filter((c): c is string => Boolean(c))
}

/** Where a slug comes in from a URL or the command line. */
export const programmeSlug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/)

/** The organiser's entry of the public value (the console's one form). */
export const publicValueSchema = z.object({
  intent: z.literal('public-value'),
  value: z.string({ required_error: 'errors.required' }).trim().min(1, 'errors.required').max(200, 'errors.tooLong'),
  from: z.enum(['primary', 'fallback'], { errorMap: () => ({ message: 'errors.invalid' }) }),
  note: z.string().trim().max(300, 'errors.tooLong').optional(),
})
