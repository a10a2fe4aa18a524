import { appUrl, signToken, verifyToken } from '~/utils/signed-link.server'

const subject = (bookingId: string, offerExpiresAt: Date) => `${bookingId}:${offerExpiresAt.toISOString()}`

export function offerLink(bookingId: string, offerExpiresAt: Date, answer: 'accept' | 'decline') {
  const token = signToken('offer', subject(bookingId, offerExpiresAt))
  return appUrl(`/offers/${bookingId}?${new URLSearchParams({ token, answer })}`)
}

export function verifyOfferToken(bookingId: string, offerExpiresAt: Date, token: string) {
  return verifyToken('offer', subject(bookingId, offerExpiresAt), token)
}
