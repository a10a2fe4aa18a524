import type { Tx } from '~/utils/db.server'

/**
 * Facts a booking was granted on may not change under it: while an attendee holds an active
 * booking on a session with gender quotas their gender is locked, and on a programme with an
 * age rule their birth date is (a member switching to "male" minutes before a social took a
 * men's seat). Changes then go through an organiser.
 */
export async function lockedFacts(tx: Pick<Tx, 'booking'>, attendee: { userId: string } | { childId: string }) {
  const active = await tx.booking.findMany({
    where: { activeKey: { not: null }, ...('userId' in attendee ? { attendeeUserId: attendee.userId } : { childId: attendee.childId }) },
    select: { session: { select: { _count: { select: { quotas: true } }, programme: { select: { minAge: true, maxAge: true } } } } },
  })
  return {
    gender: active.some((b) => b.session._count.quotas > 0),
    birthDate: active.some((b) => b.session.programme.minAge !== null || b.session.programme.maxAge !== null),
  }
}

type Facts = { gender: string | null; birthDate: Date | null }

/** Which locked fact this change would alter, if any. */
export function changedLockedFact(locked: { gender: boolean; birthDate: boolean }, before: Facts, after: Partial<Facts>) {
  if (locked.gender && after.gender !== undefined && after.gender !== before.gender) return 'gender' as const
  const was = before.birthDate?.getTime() ?? null
  const will = after.birthDate === undefined ? was : (after.birthDate?.getTime() ?? null)
  if (locked.birthDate && will !== was) return 'birthDate' as const
  return null
}
