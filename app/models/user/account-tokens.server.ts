import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { Tx } from '~/utils/db.server'
import { sessionSecrets } from '~/utils/env.server'
import { appUrl } from '~/utils/signed-link.server'
import { newId } from '~/utils/query.server'
import { refuse } from '~/models/result'

/**
 * One-time links mailed for an account (docs/decisions/0012-accounts.md).
 *
 * The link carries `<row id>.<secret>`; the row keeps only a SHA-256 of the secret, so the
 * database alone opens nothing. The secret is an HMAC of the row id under the server secret,
 * which lets the outbox mail it without ever storing it: the queued message names the row,
 * and the mail is built with the secret recomputed at send time.
 */
export const ACCOUNT_TOKEN_PURPOSES = ['reset-password', 'verify-email', 'change-email'] as const
export type AccountTokenPurpose = (typeof ACCOUNT_TOKEN_PURPOSES)[number]

const MINUTE = 60 * 1000
export const TOKEN_LIFETIME_MS: Record<AccountTokenPurpose, number> = {
  'reset-password': 30 * MINUTE,
  'verify-email': 7 * 24 * 60 * MINUTE,
  'change-email': 24 * 60 * MINUTE,
}

const LINK_PATHS: Record<AccountTokenPurpose, string> = {
  'reset-password': '/account/reset/',
  'verify-email': '/account/verify/',
  'change-email': '/account/verify/',
}

function secretFor(id: string, serverSecret: string) {
  return createHmac('sha256', serverSecret).update(`account-token\n${id}`).digest('base64url')
}

function hashOf(secret: string) {
  return createHash('sha256').update(secret).digest('hex')
}

/** A new link of this purpose; earlier unused links of the same purpose stop working. */
export async function issueAccountToken(tx: Tx, input: { userId: string; purpose: AccountTokenPurpose; newEmail?: string; now?: Date }) {
  const now = input.now ?? new Date()
  await tx.accountToken.deleteMany({ where: { userId: input.userId, purpose: input.purpose, usedAt: null } })
  const id = newId()
  return tx.accountToken.create({
    data: {
      id,
      userId: input.userId,
      purpose: input.purpose,
      newEmail: input.newEmail ?? null,
      tokenHash: hashOf(secretFor(id, sessionSecrets()[0])),
      expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS[input.purpose]),
    },
    select: { id: true, expiresAt: true },
  })
}

/**
 * The link a mail carries for a token row, or null when the row is gone or no server secret
 * (after a rotation, an older one) produces its hash.
 */
export function accountTokenLink(row: { id: string; purpose: string; tokenHash: string }, lang: string) {
  const purpose = ACCOUNT_TOKEN_PURPOSES.find((p) => p === row.purpose)
  if (!purpose) return null
  for (const serverSecret of sessionSecrets()) {
    const secret = secretFor(row.id, serverSecret)
    if (hashOf(secret) === row.tokenHash) return appUrl(`${LINK_PATHS[purpose]}${row.id}.${secret}?lng=${encodeURIComponent(lang)}`)
  }
  return null
}

export type TokenProblem = 'account.linkProblem.invalid' | 'account.linkProblem.expired' | 'account.linkProblem.used'

/**
 * The row a link names, if the link is genuine and of this purpose; read inside the
 * transaction that will use it. Unknown, forged and wrong-purpose links all read 'invalid'.
 */
export async function readAccountToken(tx: Tx, link: string, purposes: readonly AccountTokenPurpose[], now = new Date()) {
  const [id, secret] = link.split('.')
  if (!id || !secret || id.length > 40 || secret.length > 64) return refuse('account.linkProblem.invalid')
  const row = await tx.accountToken.findUnique({
    where: { id },
    select: { id: true, userId: true, purpose: true, tokenHash: true, newEmail: true, expiresAt: true, usedAt: true },
  })
  if (!row || !purposes.some((p) => p === row.purpose)) return refuse('account.linkProblem.invalid')
  const given = Buffer.from(hashOf(secret))
  const expected = Buffer.from(row.tokenHash)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return refuse('account.linkProblem.invalid')
  if (row.usedAt) return refuse('account.linkProblem.used')
  if (row.expiresAt <= now) return refuse('account.linkProblem.expired')
  return { ok: true, token: row } as const
}

/** Spend a token: a conditional update, so two clicks racing each other use it once. */
export async function spendAccountToken(tx: Tx, id: string, now = new Date()) {
  const spent = await tx.accountToken.updateMany({ where: { id, usedAt: null }, data: { usedAt: now } })
  return spent.count === 1
}
