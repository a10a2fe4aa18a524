import { writeAudit } from '~/models/audit/audit.server'
import { enqueueMail } from '~/models/mail/outbox.server'
import type { Tx } from '~/utils/db.server'
import { quotaCategory } from './eligibility'
import { releaseSeat, tryTakeSeat } from './seats.server'

const HOUR = 60 * 60 * 1000

/** A waiting booking as promotion needs it: who to tell, and the person to re-check. */
export const waitingBookingSelect = {
  id: true,
  icalSequence: true,
  booker: { select: { email: true, locale: true } },
  attendeeUser: { select: { gender: true, birthDate: true } },
  child: { select: { gender: true, birthDate: true } },
} as const

/**
 * Give free seats of a session to the people waiting for it, in waitlist order, inside the
 * caller's transaction (the one that freed the seat). In `auto` mode they are confirmed; in
 * `offer` mode the seat is held for them until a deadline. Eligibility is re-checked: a
 * person whose quota has no free seat is skipped and keeps their place.
 */
export async function promoteFromWaitlist(
  tx: Tx,
  sessionId: string,
  now: Date,
  actorId: string | null = null,
) {
  const session = await tx.session.findUniqueOrThrow({
    where: { id: sessionId },
    select: {
      status: true,
      capacity: true,
      seatsTaken: true,
      quotas: { select: { category: true, capacity: true, seatsTaken: true } },
      programme: { select: { waitlistMode: true, offerHours: true } },
    },
  })
  if (session.status !== 'scheduled' || session.seatsTaken >= session.capacity) return []

  const waiting = await tx.booking.findMany({
    where: { sessionId, status: 'waitlisted' },
    orderBy: { waitlistSeq: 'asc' },
    select: waitingBookingSelect,
  })
  const offer = session.programme.waitlistMode === 'offer'
  let free = session.capacity - session.seatsTaken
  const promoted: string[] = []
  for (const candidate of waiting) {
    if (free <= 0) break
    const person = candidate.attendeeUser ?? candidate.child ?? { gender: null, birthDate: null }
    const category = quotaCategory(session, person)
    if (session.quotas.length > 0) {
      const quota = session.quotas.find((q) => q.category === category)
      if (!quota || quota.seatsTaken >= quota.capacity) continue
    }
    if (!(await tryTakeSeat(tx, sessionId, category))) continue
    const offerExpiresAt = offer ? new Date(now.getTime() + session.programme.offerHours * HOUR) : null
    // conditional: a concurrent promotion (another process) may have served this person already
    const moved = await tx.booking.updateMany({
      where: { id: candidate.id, status: 'waitlisted' },
      data: { status: offer ? 'offered' : 'confirmed', quotaCategory: category, offerExpiresAt },
    })
    if (moved.count === 0) {
      await releaseSeat(tx, sessionId, category)
      continue
    }
    await writeAudit(tx, {
      actorId,
      action: offer ? 'booking.offered' : 'booking.promoted',
      entity: 'Booking',
      entityId: candidate.id,
      data: offer ? { offerExpiresAt } : {},
    })
    await enqueueMail(tx, {
      kind: offer ? 'offer' : 'promoted',
      toEmail: candidate.booker.email,
      locale: candidate.booker.locale,
      bookingId: candidate.id,
      payload: offer
        ? { offerExpiresAt }
        : { invite: { method: 'REQUEST', sequence: candidate.icalSequence } },
    })
    const quota = session.quotas.find((q) => q.category === category)
    if (quota) quota.seatsTaken += 1
    free -= 1
    promoted.push(candidate.id)
  }
  return promoted
}

/** 1-based position among those waiting for the same session. */
export async function waitlistPosition(tx: Pick<Tx, 'booking'>, sessionId: string, waitlistSeq: number) {
  const ahead = await tx.booking.count({
    where: { sessionId, status: 'waitlisted', waitlistSeq: { lt: waitlistSeq } },
  })
  return ahead + 1
}
