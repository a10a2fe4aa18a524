import { randomBytes } from 'node:crypto'
import { getEnv } from './env.server'

/**
 * Headers every page carries. The Content-Security-Policy allows scripts only from this site
 * and the inline ones Remix writes into this response (they carry its nonce), no framing by
 * other sites, no plugins, forms posted only here. Referrer-Policy keeps the signed offer
 * links (their token is in the URL) from leaking to other sites; HSTS in production over HTTPS.
 */
export function newNonce() {
  return randomBytes(16).toString('base64')
}

export function setDocumentSecurityHeaders(headers: Headers, nonce: string) {
  const env = getEnv()
  const development = env.NODE_ENV === 'development'
  headers.set(
    'Content-Security-Policy',
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      `connect-src 'self'${development ? ' ws:' : ''}`,
      "font-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
  )
  // the others come from the Express middleware below, for every response
}

export function setCommonSecurityHeaders(headers: Headers) {
  const env = getEnv()
  headers.set('X-Content-Type-Options', 'nosniff')
  headers.set('Referrer-Policy', 'same-origin')
  headers.set('X-Frame-Options', 'DENY')
  if (env.NODE_ENV === 'production' && env.INSECURE_COOKIES !== 'true') {
    headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
  }
}

/** The same headers on everything Express serves (static files, resource routes), as middleware. */
export function commonSecurityHeaders(_req: unknown, res: { setHeader(name: string, value: string): void }, next: () => void) {
  const headers = new Headers()
  setCommonSecurityHeaders(headers)
  headers.forEach((value, name) => res.setHeader(name, value))
  next()
}
