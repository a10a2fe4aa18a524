import type { Tx } from '~/utils/db.server'
import { newId, type SqlTx } from '~/utils/sql.server'

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
] as const
export type MailKind = (typeof MAIL_KINDS)[number]

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
    [newId(), message.kind, message.toEmail, message.locale, message.bookingId ?? null, JSON.stringify(message.payload ?? {}), 'pending', 0, now, now],
  )
}
