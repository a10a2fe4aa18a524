import { forgetInLotteries } from '~/models/lottery/entries.server'
import { forgetChoicesOf } from '~/models/matching/entry.server'
import { randomBytes } from 'node:crypto'
import { writeAudit } from '~/models/audit/audit.server'
import { forgetMailOf } from '~/models/outbox/outbox.server'
import { ACTIVE_STATUSES } from '~/models/booking/constants'
import { withdrawBooking } from '~/models/booking/cancel-booking.server'
import { endableBookingSelect } from '~/models/booking/end-booking.server'
import { keepUnsentMailBuildable } from '~/models/mail/mail-context.server'
import { newCalendarToken } from '~/models/user/calendar-token.server'
import { hashPassword } from '~/models/user/password.server'
import { checkpointSqlite, type Tx, write } from '~/utils/db.server'

/**
 * Deleting a child or an account (PIPL: the right to deletion), through the normal paths:
 * every booking still active is cancelled as a member's cancellation would be — the seat goes
 * down the waitlist, the CANCEL invite is queued (with a copy of what it needs, since the
 * names are about to go) — then the person is anonymised in place: the row stays so rosters,
 * counts, quotas and the audit trail stay consistent, but names nobody. The audit entries
 * about them lose their details. SQLite zeroes what it frees (secure_delete) and the WAL is
 * checkpointed, so the database file keeps no copy.
 */
export const ERASED_NAME = '—'
const ERASED_BIRTH_DATE = new Date(0)

async function cancelActive(tx: Tx, where: { bookerId?: string; childId?: string }, actorId: string, now: Date) {
  const active = await tx.booking.findMany({ where: { ...where, status: { in: [...ACTIVE_STATUSES] } }, select: endableBookingSelect })
  let cancelled = 0
  for (const booking of active) if (await withdrawBooking(tx, booking, { actorId, now })) cancelled += 1
  return cancelled
}

/** Mail still to go about these bookings keeps its own copy of them (names, place, child). */
async function keepMailBuildable(tx: Tx, where: { bookerId?: string; childId?: string }) {
  const bookings = await tx.booking.findMany({ where, select: { id: true } })
  await keepUnsentMailBuildable(
    tx,
    bookings.map((b) => b.id),
  )
}

async function eraseChildRow(tx: Tx, childId: string, now: Date) {
  await forgetInLotteries(tx, { childId })
  // the people allowed to collect the child, and who collected them or why they were away
  await tx.pickupPerson.deleteMany({ where: { childId } })
  await tx.attendance.updateMany({
    where: { booking: { childId } },
    data: { collectedById: null, collectedByName: null, overrideReason: null, excuseReason: null },
  })
  // and what the doors' phones said about who collected the child
  await tx.doorRecord.updateMany({ where: { booking: { childId } }, data: { collectorName: null, reason: null } })
  // the answers given for the child at booking (registration questions)
  await tx.answer.deleteMany({ where: { booking: { childId } } })
  // a comment on the child's programme may speak of the child
  await tx.feedback.updateMany({ where: { booking: { childId }, comment: { not: null } }, data: { comment: null } })
  const hasBookings = (await tx.booking.count({ where: { childId } })) > 0
  if (!hasBookings) {
    await tx.child.delete({ where: { id: childId } })
    return
  }
  await tx.child.update({ where: { id: childId }, data: { name: ERASED_NAME, birthDate: ERASED_BIRTH_DATE, notes: null, erasedAt: now } })
}

/** Details recorded about a person go; the fact that something happened stays. */
async function scrubAudit(tx: Tx, entityIds: string[], strings: string[]) {
  await tx.auditLog.updateMany({ where: { entityId: { in: entityIds } }, data: { data: '{}' } })
  for (const s of strings.filter(Boolean)) await tx.auditLog.updateMany({ where: { data: { contains: s } }, data: { data: '{}' } })
}

/** A guardian deletes a child (or an account deletion takes its children). Ownership first. */
export async function eraseChild(input: { guardianId: string; childId: string; actorId?: string; now?: Date }) {
  const now = input.now ?? new Date()
  const actorId = input.actorId ?? input.guardianId
  const result = await write(async (tx) => {
    const child = await tx.child.findFirst({
      where: { id: input.childId, guardianId: input.guardianId, erasedAt: null },
      select: { id: true, name: true },
    })
    if (!child) return null
    const cancelled = await cancelActive(tx, { childId: child.id }, actorId, now)
    await keepMailBuildable(tx, { childId: child.id })
    await eraseChildRow(tx, child.id, now)
    await scrubAudit(tx, [child.id], [child.name])
    await writeAudit(tx, { actorId, action: 'child.removed', entity: 'Child', entityId: child.id, data: { bookingsCancelled: cancelled } })
    return { cancelled }
  })
  if (result) await checkpointSqlite()
  return result
}

/**
 * Delete an account: the member themself, or an organiser acting on the member's written
 * request (`request` says which; recorded). Returns how many bookings were cancelled.
 */
export async function eraseAccount(input: { userId: string; actorId: string; request?: string; now?: Date }) {
  const now = input.now ?? new Date()
  // no password opens an erased account: a random one nobody knows (hashed before the transaction)
  const passwordHash = await hashPassword(randomBytes(32).toString('base64url'))
  const result = await write(async (tx) => {
    const user = await tx.user.findFirst({
      where: { id: input.userId, erasedAt: null },
      select: {
        id: true,
        email: true,
        name: true,
        phone: true,
        memberNo: true,
        emailVerifiedAt: true,
        children: { select: { id: true, name: true } },
      },
    })
    if (!user) return null
    const cancelled = await cancelActive(tx, { bookerId: user.id }, input.actorId, now)
    await keepMailBuildable(tx, { bookerId: user.id })
    for (const child of user.children) await eraseChildRow(tx, child.id, now)
    // every address the account ever had: the ones its address links were sent to
    const addresses = await tx.accountToken.findMany({ where: { userId: user.id, newEmail: { not: null } }, select: { newEmail: true } })
    const bookings = await tx.booking.findMany({ where: { bookerId: user.id }, select: { id: true } })
    await forgetMailOf(tx, {
      userId: user.id,
      bookingIds: bookings.map((b) => b.id),
      addresses: [user.email, ...addresses.map((a) => a.newEmail ?? '')],
      verified: user.emailVerifiedAt !== null,
    })
    // what the member wrote when reporting their own absences
    await tx.attendance.updateMany({ where: { booking: { bookerId: user.id } }, data: { excuseReason: null, overrideReason: null } })
    await tx.doorRecord.updateMany({ where: { booking: { bookerId: user.id } }, data: { collectorName: null, reason: null } })
    await tx.answer.deleteMany({ where: { booking: { OR: [{ bookerId: user.id }, { attendeeUserId: user.id }] } } })
    // what the member wrote after a programme (the rating stays in the organisers' average, unnamed)
    await tx.feedback.updateMany({ where: { booking: { bookerId: user.id }, comment: { not: null } }, data: { comment: null } })
    await tx.authSession.deleteMany({ where: { userId: user.id } })
    await forgetInLotteries(tx, { userId: user.id })
    await forgetChoicesOf(tx, user.id)
    await tx.accountToken.deleteMany({ where: { userId: user.id } })
    await tx.rateLimiterFlexible.deleteMany({ where: { key: { contains: user.email } } })
    await tx.user.update({
      where: { id: user.id },
      data: {
        email: `erased-${user.id}@invalid`,
        name: ERASED_NAME,
        phone: null,
        gender: null,
        birthDate: null,
        memberNo: null,
        memberVerifiedAt: null,
        memberVerifiedBy: null,
        emailVerifiedAt: null,
        passwordHash,
        calendarToken: newCalendarToken(),
        role: 'member',
        departmentId: null,
        erasedAt: now,
      },
    })
    await scrubAudit(
      tx,
      [user.id, ...user.children.map((c) => c.id)],
      [user.email, user.name, user.phone ?? '', user.memberNo ?? '', ...user.children.map((c) => c.name)],
    )
    await writeAudit(tx, {
      actorId: input.actorId === user.id ? null : input.actorId,
      action: 'privacy.account-erased',
      entity: 'User',
      entityId: user.id,
      data: {
        bookingsCancelled: cancelled,
        by: input.actorId === user.id ? 'self' : 'staff',
        ...(input.request ? { request: input.request } : {}),
      },
    })
    return { cancelled }
  })
  if (result) await checkpointSqlite()
  return result
}
