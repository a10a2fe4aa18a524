import type { Tx } from '~/utils/db.server'
import { insertRows, newRow, type Queryable, type Rows } from '~/utils/query.server'
// the statuses are in constants.ts, shared with the admin's outbox page (a page cannot read a .server module)
import type { MailStatus } from './constants'

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

const outboxRow = (message: QueuedMail, now: Date) => ({
  ...newRow(now),
  kind: message.kind,
  toEmail: message.toEmail,
  userId: message.userId,
  locale: message.locale,
  bookingId: message.bookingId ?? null,
  payload: JSON.stringify(message.payload ?? {}),
  status: 'pending',
  attempts: 0,
  nextAttemptAt: now,
})

/** The message's row, to insert (a caller may send it with others in one statement: insertBooking). */
export const mailRows = (message: QueuedMail, now = new Date()): Rows => ({ table: 'OutboxMessage', values: outboxRow(message, now) })

/** The one way a message is queued: in the caller's transaction (a Prisma one or the booking POST's), due from `now`. */
export async function enqueueMail(tx: Queryable, message: QueuedMail, now = new Date()) {
  const row = outboxRow(message, now)
  await insertRows(tx, [{ table: 'OutboxMessage', values: row }])
  return { id: row.id }
}

/** Many messages in one statement (a job's batch), due from `now`; same transaction rule. */
export async function enqueueMails(tx: Queryable, messages: QueuedMail[], now: Date) {
  for (let i = 0; i < messages.length; i += 500)
    await insertRows(tx, [{ table: 'OutboxMessage', values: messages.slice(i, i + 500).map((m) => outboxRow(m, now)) }])
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
