import type { Tx } from '~/utils/db.server'
import { newId, type SqlTx } from '~/utils/sql.server'

/** Mail about the account itself, built from an AccountToken rather than a booking. */
export const ACCOUNT_MAIL_KINDS = [
  'verify-email',
  'password-reset',
  'confirm-email-change',
  'email-change-requested',
  'email-changed',
] as const
export type AccountMailKind = (typeof ACCOUNT_MAIL_KINDS)[number]

export const MAIL_KINDS = [
  'booking-confirmed',
  'waitlisted',
  'offer',
  'promoted',
  'offer-expired',
  'booking-cancelled',
  'session-changed',
  'session-cancelled',
  'organiser-message',
  'lottery-placed',
  'lottery-waitlisted',
  'child-collected',
  'mutual-matches',
  'reminder',
  'feedback-request',
  ...ACCOUNT_MAIL_KINDS,
] as const
export type MailKind = (typeof MAIL_KINDS)[number]

/** pending → sending (leased) → sent, or failed (parked); held waits for a verified address. */
export const MAIL_STATUSES = ['pending', 'sending', 'held', 'sent', 'failed'] as const
export type MailStatus = (typeof MAIL_STATUSES)[number]
/** Not yet handed to the mail server. */
export const UNSENT_STATUSES: readonly MailStatus[] = ['pending', 'sending']

export function isAccountMail(kind: string): kind is AccountMailKind {
  return (ACCOUNT_MAIL_KINDS as readonly string[]).includes(kind)
}

/**
 * Mail to an address its owner has not verified yet waits ('held') instead of going out; the
 * moment the address is verified — or replaced by a verified one — it is released, in the
 * same transaction. Account mail (the verification link itself) is never held.
 */
export function releaseHeldMail(tx: Tx, input: { from: string; to: string; now: Date }) {
  return tx.outboxMessage.updateMany({
    where: { toEmail: input.from, status: 'held' },
    data: { status: 'pending', toEmail: input.to, nextAttemptAt: input.now },
  })
}

/**
 * Queue a message in the same transaction as the change it reports: if the change rolls
 * back, so does the mail. The worker (app/models/mail) sends it later, with retries.
 */
/** A message to queue; `userId` is the account it is for (null: an address that is no account's). */
export type QueuedMail = {
  kind: MailKind
  toEmail: string
  userId: string | null
  locale: string
  bookingId?: string
  payload?: Record<string, unknown>
}

export function enqueueMail(tx: Tx, message: QueuedMail) {
  return tx.outboxMessage.create({
    data: { ...message, payload: JSON.stringify(message.payload ?? {}) },
    select: { id: true },
  })
}

/** Many messages in one statement (a job's batch), due from `now`; same transaction rule. */
export function enqueueMails(tx: Tx, messages: QueuedMail[], now: Date) {
  return tx.outboxMessage.createMany({
    data: messages.map((message) => ({
      ...message,
      payload: JSON.stringify(message.payload ?? {}),
      nextAttemptAt: now,
      createdAt: now,
    })),
  })
}

/** The same row, queued by the hand-written hot path (app/utils/sql.server.ts), same transaction rule. */
export function enqueueMailSql(tx: SqlTx, message: QueuedMail, now: Date) {
  return tx.run(
    'INSERT INTO "OutboxMessage" ("id", "kind", "toEmail", "userId", "locale", "bookingId", "payload", "status", "attempts", "nextAttemptAt", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [
      newId(),
      message.kind,
      message.toEmail,
      message.userId,
      message.locale,
      message.bookingId ?? null,
      JSON.stringify(message.payload ?? {}),
      'pending',
      0,
      now,
      now,
    ],
  )
}

/** What a finished message keeps of an erased person: that it was sent (or failed), and when. */
export const FORGOTTEN_MAIL = { toEmail: '', payload: '{}', lastError: null } as const

/**
 * Erasure: the account's mail — by account, by its bookings, and (for rows older than the
 * account column) by every address it ever had — no longer says to whom or about whom. Unsent
 * account mail (links of an account that is gone) is dropped, and so is all unsent mail to an
 * address nobody proved; unsent booking mail (the CANCEL invites the erasure itself queued) is
 * marked as the account's so the worker forgets it once sent or failed (mail-worker).
 */
export async function forgetMailOf(tx: Tx, input: { userId: string; bookingIds: string[]; addresses: string[]; verified: boolean }) {
  const mine = {
    OR: [
      { userId: input.userId },
      { bookingId: { in: input.bookingIds } },
      { toEmail: { in: input.addresses.filter(Boolean) }, userId: null },
    ],
  }
  await tx.outboxMessage.updateMany({ where: mine, data: { userId: input.userId } })
  const unsent = { userId: input.userId, status: { in: [...UNSENT_STATUSES, 'held'] } }
  await tx.outboxMessage.deleteMany({ where: input.verified ? { ...unsent, kind: { in: [...ACCOUNT_MAIL_KINDS] } } : unsent })
  await tx.outboxMessage.updateMany({ where: { userId: input.userId, status: { in: ['sent', 'failed'] } }, data: FORGOTTEN_MAIL })
}
