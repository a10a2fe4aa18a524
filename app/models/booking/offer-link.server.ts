import type { Language } from '~/i18n'
import { appUrl, signToken, verifyToken } from '~/utils/signed-link.server'

const subject = (bookingId: string, offerExpiresAt: Date) => `${bookingId}:${offerExpiresAt.toISOString()}`

/** The accept/decline link of an offer mail; the page opens in the member's language (lng). */
export function offerLink(bookingId: string, offerExpiresAt: Date, answer: 'accept' | 'decline', lang: Language) {
  const token = signToken('offer', subject(bookingId, offerExpiresAt))
  return appUrl(`/offers/${bookingId}?${new URLSearchParams({ token, answer, lng: lang })}`)
}

export function verifyOfferToken(bookingId: string, offerExpiresAt: Date, token: string) {
  return verifyToken('offer', subject(bookingId, offerExpiresAt), token)
}
