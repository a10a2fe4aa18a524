import { z } from 'zod'
import { cuidId } from '~/utils/validation'
import { MAX_ATTENDEES } from './constants'

/** Every booking form a member can post (programme page and /me/bookings). */
export const bookingActionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('book'),
    sessionId: cuidId,
    childId: z.array(cuidId).max(MAX_ATTENDEES).optional(),
  }),
  z.object({ intent: z.literal('cancel'), bookingId: cuidId }),
  z.object({ intent: z.literal('accept'), bookingId: cuidId }),
  z.object({ intent: z.literal('decline'), bookingId: cuidId }),
])
export type BookingAction = z.infer<typeof bookingActionSchema>
