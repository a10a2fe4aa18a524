import { writeAudit } from '~/models/audit/audit.server'
import { enqueueMail, releaseHeldMail } from '~/models/outbox/outbox.server'
import { db, isUniqueViolation, type Tx, write } from '~/utils/db.server'
import { issueAccountToken, readAccountToken, spendAccountToken, type TokenProblem } from './account-tokens.server'
import { newCalendarToken } from './calendar-token.server'
import { hashPassword, verifyPassword } from './password.server'
import { refuse, type Result } from '~/models/result'

/**
 * Getting back into an account and keeping its address true (docs/decisions/0012-accounts.md):
 * verify the address at sign-up, reset a forgotten password, change password and address.
 * Every change is one transaction with its audit entry and the mail it sends.
 */

/** At sign-up (and on "send it again"): a fresh verification link to the current address. */
export async function sendVerificationMail(tx: Tx, user: { id: string; email: string; locale: string }, now = new Date()) {
  const token = await issueAccountToken(tx, { userId: user.id, purpose: 'verify-email', newEmail: user.email, now })
  await enqueueMail(tx, { kind: 'verify-email', toEmail: user.email, userId: user.id, locale: user.locale, payload: { tokenId: token.id } })
}

export function resendVerification(userId: string, now = new Date()) {
  return write(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { id: true, email: true, locale: true, emailVerifiedAt: true },
    })
    if (user.emailVerifiedAt) return { sent: false } as const
    await sendVerificationMail(tx, user, now)
    return { sent: true } as const
  })
}

/**
 * "Forgot password": a 30-minute link to the address, if it is an account's. The caller
 * answers the same either way, so the form does not tell who has an account.
 */
export function requestPasswordReset(email: string, now = new Date()) {
  return write(async (tx) => {
    const user = await tx.user.findUnique({ where: { email: email.toLowerCase() }, select: { id: true, email: true, locale: true } })
    if (!user) return
    const token = await issueAccountToken(tx, { userId: user.id, purpose: 'reset-password', now })
    await enqueueMail(tx, {
      kind: 'password-reset',
      toEmail: user.email,
      userId: user.id,
      locale: user.locale,
      payload: { tokenId: token.id },
    })
    await writeAudit(tx, { actorId: user.id, action: 'user.password-reset-requested', entity: 'User', entityId: user.id })
  })
}

export type LinkResult = Result<{ userId: string; email: string }, TokenProblem>

/** Whether a link is still good, without spending it (the page that asks for the new password). */
export function checkResetLink(link: string, now = new Date()) {
  return write(async (tx) => {
    const read = await readAccountToken(tx, link, ['reset-password'], now)
    return read.ok ? ({ ok: true } as const) : read
  })
}

/**
 * Set a new password through a reset link: the link is spent, every login of the account
 * ends (whoever else was signed in is out), and the address counts as verified — following
 * the link proved it is the member's.
 */
export async function resetPassword(link: string, password: string, now = new Date()): Promise<LinkResult> {
  const passwordHash = await hashPassword(password)
  return write(async (tx) => {
    const read = await readAccountToken(tx, link, ['reset-password'], now)
    if (!read.ok) return read
    if (!(await spendAccountToken(tx, read.token.id, now))) return refuse('account.linkProblem.used')
    const user = await tx.user.findUniqueOrThrow({
      where: { id: read.token.userId },
      select: { id: true, email: true, emailVerifiedAt: true },
    })
    // a reset is the owner taking the account back: the private calendar feed address anyone
    // before them may have copied stops working too
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? now, calendarToken: newCalendarToken() },
    })
    if (!user.emailVerifiedAt) await releaseHeldMail(tx, { from: user.email, to: user.email, now })
    await endLoginsAfterPasswordChange(tx, user.id, 'user.password-reset', null)
    return { ok: true, userId: user.id, email: user.email }
  })
}

/** On the profile: the current password, then the new one; every other login ends. */
export async function changePassword(input: { userId: string; keepLoginId: string | null; current: string; next: string }) {
  const user = await db.user.findUniqueOrThrow({ where: { id: input.userId }, select: { passwordHash: true } })
  if (!(await verifyPassword(input.current, user.passwordHash))) return refuse('account.wrongPassword')
  const passwordHash = await hashPassword(input.next)
  return write(async (tx) => {
    await tx.user.update({ where: { id: input.userId }, data: { passwordHash } })
    await endLoginsAfterPasswordChange(tx, input.userId, 'user.password-changed', input.keepLoginId)
    return { ok: true } as const
  })
}

/**
 * After a new password: every login ends but the one that set it (none, after a reset by
 * link), and every unused account link stops working — reset, verify *and change of address*:
 * a change requested by someone who knew the old password must not outlive the owner taking
 * the account back (docs/decisions/0016-accounts-under-attack.md). Audited with how many
 * logins and links ended.
 */
async function endLoginsAfterPasswordChange(tx: Tx, userId: string, action: string, keepLoginId: string | null) {
  const ended = await tx.authSession.deleteMany({ where: { userId, id: { not: keepLoginId ?? '' } } })
  const links = await tx.accountToken.deleteMany({ where: { userId, usedAt: null } })
  await writeAudit(tx, {
    actorId: userId,
    action,
    entity: 'User',
    entityId: userId,
    data: { sessionsEnded: ended.count, linksVoided: links.count },
  })
}

export type EmailChangeResult = Result<object, 'account.wrongPassword' | 'account.sameEmail' | 'auth.emailTaken'>

/** On the profile: a link to the new address; nothing changes until it is followed. */
export async function requestEmailChange(input: {
  userId: string
  password: string
  newEmail: string
  now?: Date
}): Promise<EmailChangeResult> {
  const newEmail = input.newEmail.toLowerCase()
  const user = await db.user.findUniqueOrThrow({
    where: { id: input.userId },
    select: { email: true, name: true, passwordHash: true, locale: true },
  })
  if (!(await verifyPassword(input.password, user.passwordHash))) return refuse('account.wrongPassword')
  if (newEmail === user.email) return refuse('account.sameEmail')
  return write(async (tx) => {
    if (await tx.user.findUnique({ where: { email: newEmail }, select: { id: true } })) return refuse('auth.emailTaken')
    const token = await issueAccountToken(tx, { userId: input.userId, purpose: 'change-email', newEmail, now: input.now })
    await enqueueMail(tx, {
      kind: 'confirm-email-change',
      toEmail: newEmail,
      userId: input.userId,
      locale: user.locale,
      payload: { tokenId: token.id, newEmail },
    })
    // and the address it would leave is told now, while its owner can still stop it (a new
    // password voids the link): not only once the move is done
    await enqueueMail(tx, {
      kind: 'email-change-requested',
      toEmail: user.email,
      userId: input.userId,
      locale: user.locale,
      payload: { newEmail, recipientName: user.name },
    })
    await writeAudit(tx, { actorId: input.userId, action: 'user.email-change-requested', entity: 'User', entityId: input.userId })
    return { ok: true } as const
  })
}

export type ConfirmResult = Result<
  { purpose: 'verify-email' | 'change-email'; email: string },
  TokenProblem | 'account.linkProblem.taken' | 'account.linkProblem.stale'
>

/**
 * Follow a link that proves an address: the sign-up's (the address becomes verified) or a
 * change's (the account moves to the new address, verified; the old one is told). Mail held
 * for the unverified address goes out to the verified one.
 */
export async function confirmEmailLink(link: string, now = new Date()): Promise<ConfirmResult> {
  try {
    return await write(async (tx): Promise<ConfirmResult> => {
      const read = await readAccountToken(tx, link, ['verify-email', 'change-email'], now)
      if (!read.ok) return read
      const { token } = read
      const purpose = token.purpose === 'change-email' ? 'change-email' : 'verify-email'
      const user = await tx.user.findUniqueOrThrow({
        where: { id: token.userId },
        select: { id: true, name: true, email: true, locale: true, emailVerifiedAt: true },
      })
      const address = token.newEmail ?? ''
      // a sign-up link for an address the account has since left proves nothing now
      if (purpose === 'verify-email' && address !== user.email) return refuse('account.linkProblem.stale')
      if (!(await spendAccountToken(tx, token.id, now))) return refuse('account.linkProblem.used')
      await tx.user.update({ where: { id: user.id }, data: { email: address, emailVerifiedAt: now } })
      await releaseHeldMail(tx, { from: user.email, to: address, now })
      if (purpose === 'change-email') {
        await tx.accountToken.deleteMany({ where: { userId: user.id, purpose: 'verify-email', usedAt: null } })
        if (user.emailVerifiedAt) {
          await enqueueMail(tx, {
            kind: 'email-changed',
            toEmail: user.email,
            userId: user.id,
            locale: user.locale,
            payload: { newEmail: address, recipientName: user.name },
          })
        }
      }
      await writeAudit(tx, {
        actorId: user.id,
        action: purpose === 'change-email' ? 'user.email-changed' : 'user.email-verified',
        entity: 'User',
        entityId: user.id,
        data: purpose === 'change-email' ? { from: user.email, to: address } : {},
      })
      return { ok: true, purpose, email: address }
    })
  } catch (error) {
    // someone signed up with the new address between the request and the click
    if (isUniqueViolation(error)) return refuse('account.linkProblem.taken')
    throw error
  }
}
