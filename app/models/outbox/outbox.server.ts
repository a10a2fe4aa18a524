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
export function enqueueMail(
  tx: Tx,
  message: {
    kind: MailKind
    toEmail: string
    locale: string
    bookingId?: string
    payload?: Record<string, unknown>
  },
) {
  return tx.outboxMessage.create({
    data: { ...message, payload: JSON.stringify(message.payload ?? {}) },
    select: { id: true },
  })
}

/** The same row, queued by the hand-written hot path (app/utils/sql.server.ts), same transaction rule. */
export function enqueueMailSql(
  tx: SqlTx,
  message: { kind: MailKind; toEmail: string; locale: string; bookingId?: string; payload?: Record<string, unknown> },
  now: Date,
) {
  return tx.run(
    'INSERT INTO "OutboxMessage" ("id", "kind", "toEmail", "locale", "bookingId", "payload", "status", "attempts", "nextAttemptAt", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [
      newId(),
      message.kind,
      message.toEmail,
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
