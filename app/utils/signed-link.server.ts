import { createHmac, timingSafeEqual } from 'node:crypto'
import { getEnv, sessionSecrets } from './env.server'

// Links in mail that act without logging in (accept / decline a held place). Each token is
// bound to one purpose, one booking and one offer deadline, so it dies with the offer.
function sign(purpose: string, subject: string, secret: string) {
  return createHmac('sha256', secret).update(`${purpose}\n${subject}`).digest('base64url')
}

export function signToken(purpose: string, subject: string) {
  return sign(purpose, subject, sessionSecrets()[0])
}

export function verifyToken(purpose: string, subject: string, token: string) {
  const given = Buffer.from(token)
  return sessionSecrets().some((secret) => {
    const expected = Buffer.from(sign(purpose, subject, secret))
    return expected.length === given.length && timingSafeEqual(expected, given)
  })
}

export function appUrl(path: string) {
  const env = getEnv()
  return new URL(path, env.APP_URL ?? `http://localhost:${env.PORT}`).toString()
}
