import { z } from 'zod'
import { cuidId } from '~/utils/validation'

/** Every booking form a member can post (programme page and /me/bookings). */
export const bookingActionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('book'),
    sessionId: cuidId,
    childId: z.array(cuidId).max(10).optional(),
  }),
  z.object({ intent: z.literal('cancel'), bookingId: cuidId }),
  z.object({ intent: z.literal('accept'), bookingId: cuidId }),
  z.object({ intent: z.literal('decline'), bookingId: cuidId }),
])
export type BookingAction = z.infer<typeof bookingActionSchema>
