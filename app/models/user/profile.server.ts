import { writeAudit } from '~/models/audit/audit.server'
import { db } from '~/utils/db.server'
import type { ProfileInput } from './schemas'

export function getProfile(userId: string) {
  return db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { name: true, email: true, phone: true, gender: true, birthDate: true, memberNo: true },
  })
}

export async function updateProfile(userId: string, input: ProfileInput) {
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: userId },
      data: { ...input, memberNo: input.memberNo ?? null },
    })
    await writeAudit(tx, { actorId: userId, action: 'user.profile-updated', entity: 'User', entityId: userId })
  })
}

/** Remember the language for mail sent to this member later. */
export function setPreferredLocale(userId: string, locale: string) {
  return db.$transaction((tx) => tx.user.update({ where: { id: userId }, data: { locale }, select: { id: true } }))
}
