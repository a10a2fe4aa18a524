import { writeAudit } from '~/models/audit/audit.server'
import { changedLockedFact, lockedFacts } from '~/models/booking/locked-facts.server'
import { db, write } from '~/utils/db.server'
import { verifyMemberNoAgainstRegister } from './member-register.server'
import type { ProfileInput } from './schemas'
import { refuse } from '~/models/result'

export function getProfile(userId: string) {
  return db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      name: true,
      email: true,
      emailVerifiedAt: true,
      phone: true,
      gender: true,
      birthDate: true,
      memberNo: true,
      memberVerifiedAt: true,
      remindersOff: true,
    },
  })
}

/** Save the profile, unless it changes a fact an active booking was granted on (then: which). */
export async function updateProfile(userId: string, input: ProfileInput) {
  return write(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { gender: true, birthDate: true, memberNo: true } })
    const locked = changedLockedFact(await lockedFacts(tx, { userId }), before, input)
    if (locked) return refuse('errors.factLocked', { field: locked })
    const memberNo = input.memberNo ?? null
    // a new number is a new claim: verified again, against the register or by an organiser
    const newClaim = memberNo !== before.memberNo
    await tx.user.update({
      where: { id: userId },
      data: { ...input, memberNo, ...(newClaim ? { memberVerifiedAt: null, memberVerifiedBy: null } : {}) },
    })
    if (newClaim) await verifyMemberNoAgainstRegister(tx, userId)
    await writeAudit(tx, { actorId: userId, action: 'user.profile-updated', entity: 'User', entityId: userId })
    return { ok: true } as const
  })
}

/** Reminders before meetings and the feedback request afterwards, on or off (mail about a change to a booking always goes). */
export function setRemindersOff(userId: string, off: boolean) {
  return write(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { remindersOff: off }, select: { id: true } })
    await writeAudit(tx, { actorId: userId, action: off ? 'user.reminders-off' : 'user.reminders-on', entity: 'User', entityId: userId })
  })
}

/** Remember the language for mail sent to this member later. */
export function setPreferredLocale(userId: string, locale: string) {
  return write((tx) => tx.user.update({ where: { id: userId }, data: { locale }, select: { id: true } }))
}

/** Staff acting on a member's written request find the account by its address. */
export function findMemberByEmail(email: string) {
  return db.user.findFirst({ where: { email: email.toLowerCase(), erasedAt: null }, select: { id: true, role: true } })
}
