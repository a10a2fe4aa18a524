import { verifyOfferToken } from '~/models/booking/offer-link.server'
import { db } from '~/utils/db.server'
import { acceptOffer, declineOffer } from './offers.server'
import { sessionWhenWhereSelect } from '~/models/programme/selects'
import { refuse } from '~/models/result'

/** The held place a signed mail link points at, if the link is genuine and the offer still open. */
export async function findOfferForLink(bookingId: string, token: string) {
  const booking = await db.booking.findFirst({
    where: { id: bookingId, status: 'offered' },
    select: {
      id: true,
      bookerId: true,
      offerExpiresAt: true,
      child: { select: { name: true } },
      attendeeUser: { select: { name: true } },
      session: {
        select: {
          ...sessionWhenWhereSelect,
          programme: { select: { titleZh: true, titleEn: true } },
        },
      },
    },
  })
  if (!booking?.offerExpiresAt || !verifyOfferToken(booking.id, booking.offerExpiresAt, token)) return null
  return booking
}

/** Answer a held place from the mail link, as the member it was offered to. */
export async function answerOfferByLink(bookingId: string, token: string, answer: 'accept' | 'decline') {
  const offer = await findOfferForLink(bookingId, token)
  if (!offer) return refuse('booking.offerGone')
  const input = { bookingId, userId: offer.bookerId }
  return answer === 'accept' ? acceptOffer(input) : declineOffer(input)
}
