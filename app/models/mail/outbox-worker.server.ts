import type { Transporter } from 'nodemailer'
import { db, write } from '~/utils/db.server'
import { composeMail, UnbuildableMailError } from './compose.server'
import { parsePayload } from './mail-context.server'
import { FORGOTTEN_MAIL, isAccountMail } from '~/models/outbox/outbox.server'

export type DeliveryOptions = {
  /** who holds the lease: host:pid, unique per worker */
  owner: string
  transporter: Transporter
  from: string
  now?: Date
  leaseMs?: number
  batch?: number
}

const BASE_RETRY_MS = 30_000
const MAX_RETRY_MS = 60 * 60 * 1000

/** 30 s, 1 min, 2 min … capped at an hour. */
export function retryDelay(attempts: number) {
  return Math.min(MAX_RETRY_MS, BASE_RETRY_MS * 2 ** Math.max(0, attempts - 1))
}

/**
 * Send what is due in the outbox, at least once and, in normal operation, exactly once:
 * each message is claimed with a lease by a conditional update (so two workers never send
 * the same one), marked sent after the SMTP server accepted it, put back with a backoff on a
 * temporary failure, and parked as failed (with the server's reply) on a permanent one.
 * A worker that dies mid-send leaves a lease that expires, and the message is sent again.
 */
export async function deliverDueMail(options: DeliveryOptions) {
  const now = options.now ?? new Date()
  const leaseMs = options.leaseMs ?? 2 * 60 * 1000
  const due = {
    OR: [
      { status: 'pending', nextAttemptAt: { lte: now } },
      { status: 'sending', leaseUntil: { lt: now } },
    ],
  }
  const candidates = await db.outboxMessage.findMany({
    where: due,
    orderBy: { createdAt: 'asc' },
    take: options.batch ?? 20,
    select: { id: true },
  })
  const result = { sent: 0, retried: 0, failed: 0, held: 0 }
  for (const { id } of candidates) {
    const claimed = await write((tx) =>
      tx.outboxMessage.updateMany({
        where: { id, ...due },
        data: {
          status: 'sending',
          leaseOwner: options.owner,
          leaseUntil: new Date(now.getTime() + leaseMs),
          attempts: { increment: 1 },
        },
      }),
    )
    if (claimed.count === 0) continue // another worker has it
    const message = await db.outboxMessage.findUniqueOrThrow({ where: { id } })
    const account = await db.user.findUnique({
      where: message.userId ? { id: message.userId } : { email: message.toEmail },
      select: { emailVerifiedAt: true, erasedAt: true },
    })
    // an erased account's last mail (the CANCEL of its bookings) keeps nothing once it is done
    const forget = account?.erasedAt ? FORGOTTEN_MAIL : {}
    if (waitsForVerification(message, account)) {
      await settle(id, options.owner, { status: 'held', leaseUntil: null })
      result.held += 1
      continue
    }
    try {
      const mail = await composeMail(message, options.from)
      await options.transporter.sendMail(mail)
      await settle(id, options.owner, {
        status: 'sent',
        sentAt: new Date(),
        leaseUntil: null,
        lastError: null,
        ...withoutCopy(message.payload),
        ...(account ? {} : await withoutAddressOfTheErased(message.toEmail)),
        ...forget,
      })
      result.sent += 1
    } catch (error) {
      const reply = describeError(error)
      if (isPermanent(error)) {
        await settle(id, options.owner, { status: 'failed', leaseUntil: null, lastError: reply, ...forget })
        result.failed += 1
      } else {
        await settle(id, options.owner, {
          status: 'pending',
          leaseUntil: null,
          lastError: reply,
          nextAttemptAt: new Date(now.getTime() + retryDelay(message.attempts)),
        })
        result.retried += 1
      }
    }
  }
  return result
}

/**
 * Booking mail to a member who has not verified their address yet waits (releaseHeldMail in
 * ~/models/outbox/outbox.server.ts lets it go); account mail and mail to addresses that are
 * no account (a department's) go out.
 */
function waitsForVerification(message: { kind: string }, account: { emailVerifiedAt: Date | null; erasedAt: Date | null } | null) {
  // an erased account's last mail (its CANCELs) goes to the address the erasure found verified
  return !isAccountMail(message.kind) && account !== null && account.erasedAt === null && account.emailVerifiedAt === null
}

/** Only the lease holder may settle a message (a slow worker whose lease expired may not). */
function settle(id: string, owner: string, data: Record<string, unknown>) {
  return write((tx) => tx.outboxMessage.updateMany({ where: { id, leaseOwner: owner, status: 'sending' }, data }))
}

/** Once sent, a message keeps no copy of the booking it was built from (names, child, place). */
function withoutCopy(payloadText: string) {
  const payload = parsePayload(payloadText)
  if (!payload.success || !payload.data.context) return {}
  const { context: _sent, ...rest } = payload.data
  return { payload: JSON.stringify(rest) }
}

/**
 * Mail to an address that is no account's — someone who has since deleted their account (the
 * CANCEL of their last bookings) — keeps no record of the address once sent (docs/privacy.md);
 * a department's address is kept.
 */
async function withoutAddressOfTheErased(toEmail: string) {
  const department = await db.department.findFirst({ where: { email: toEmail }, select: { id: true } })
  return department ? {} : { toEmail: '' }
}

/** 5xx SMTP replies and messages we cannot build will not get better by retrying. */
function isPermanent(error: unknown) {
  if (error instanceof UnbuildableMailError) return true
  if (typeof error !== 'object' || error === null) return false
  const responseCode = 'responseCode' in error ? Number(error.responseCode) : 0
  if (responseCode >= 500) return true
  return 'code' in error && error.code === 'P2025' // the booking is gone
}

function describeError(error: unknown) {
  if (typeof error === 'object' && error !== null) {
    const e = error as { response?: string; code?: string; message?: string }
    return String(e.response ?? `${e.code ?? ''} ${e.message ?? ''}`.trim()).slice(0, 1000)
  }
  return String(error).slice(0, 1000)
}
