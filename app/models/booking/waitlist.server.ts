import { writeAudit } from '~/models/audit/audit.server'
import { enqueueMail } from '~/models/outbox/outbox.server'
import type { Tx } from '~/utils/db.server'
import { quotaCategory, type EligibilityPerson } from './eligibility'
import { releaseSeat, tryTakeSeat } from './seats.server'

const HOUR = 60 * 60 * 1000

/** A waiting booking as promotion needs it: who to tell, and the person to re-check. */
export const waitingBookingSelect = {
  id: true,
  icalSequence: true,
  householdId: true,
  booker: { select: { id: true, email: true, locale: true } },
  attendeeUser: { select: { gender: true, birthDate: true } },
  child: { select: { gender: true, birthDate: true } },
} as const

/**
 * Give free seats of a session to the people waiting for it, in waitlist order, inside the
 * caller's transaction (the one that freed the seat). In `auto` mode they are confirmed; in
 * `offer` mode the seat is held for them until a deadline. Eligibility is re-checked: a
 * person whose quota has no free seat is skipped and keeps their place. Siblings a lottery
 * waitlisted together (householdId) are seated together or not at all: a household that
 * does not fit yet keeps its place, and the seats go to the next who fits.
 */
export async function promoteFromWaitlist(tx: Tx, sessionId: string, now: Date, actorId: string | null = null) {
  const session = await tx.session.findUniqueOrThrow({
    where: { id: sessionId },
    select: {
      status: true,
      capacity: true,
      seatsTaken: true,
      quotas: { select: { category: true } },
      programme: { select: { waitlistMode: true, offerHours: true } },
    },
  })
  if (session.status !== 'scheduled' || session.seatsTaken >= session.capacity) return []

  const waiting = await tx.booking.findMany({
    where: { sessionId, status: 'waitlisted' },
    orderBy: { waitlistSeq: 'asc' },
    select: waitingBookingSelect,
  })
  const offerHours = session.programme.waitlistMode === 'offer' ? session.programme.offerHours : null
  let free = session.capacity - session.seatsTaken
  const promoted: string[] = []
  const seen = new Set<string>()
  for (const candidate of waiting) {
    if (free <= 0) break
    if (seen.has(candidate.id)) continue
    const group = candidate.householdId ? waiting.filter((w) => w.householdId === candidate.householdId) : [candidate]
    for (const member of group) seen.add(member.id)
    if (group.length > free) continue
    const categories = group.map((member) => quotaCategory(session, personOf(member)))
    // someone no quota takes (no gender given, or none for theirs) waits; a full quota is refused below
    if (session.quotas.length > 0 && categories.some((c) => !session.quotas.some((q) => q.category === c))) continue
    // every seat of the group first, all given back if one is refused (the conditional updates
    // are the truth: what was read above can be stale on PostgreSQL), so a household is never split
    if (!(await takeSeats(tx, sessionId, categories))) continue
    const holdUntil = offerHours === null ? null : new Date(now.getTime() + offerHours * HOUR)
    for (const [i, member] of group.entries()) {
      if (!(await moveWaitingBooking(tx, sessionId, member, categories[i], { holdUntil, actorId }))) continue
      free -= 1
      promoted.push(member.id)
    }
  }
  return promoted
}

/** A seat for each category — or none at all: the seats taken are given back, and false. */
async function takeSeats(tx: Tx, sessionId: string, categories: (string | null)[]) {
  for (const [i, category] of categories.entries()) {
    if (await tryTakeSeat(tx, sessionId, category)) continue
    for (const taken of categories.slice(0, i)) await releaseSeat(tx, sessionId, taken)
    return false
  }
  return true
}

type WaitingBooking = {
  id: string
  icalSequence: number
  householdId?: string | null
  booker: { id: string; email: string; locale: string }
  attendeeUser: EligibilityPerson | null
  child: EligibilityPerson | null
}

const personOf = (b: WaitingBooking) => b.attendeeUser ?? b.child ?? { gender: null, birthDate: null }

/**
 * Seat one waiting person: a seat in their *current* quota category, then the move — held
 * until `holdUntil` (offer) or confirmed — with its audit entry and mail. Conditional, so a
 * person another process already served is left alone (and the seat given back). Used by
 * automatic promotion and by an organiser promoting someone by hand.
 */
export async function seatWaitingBooking(
  tx: Tx,
  sessionId: string,
  candidate: WaitingBooking,
  session: { quotas: { category: string }[] },
  options: { holdUntil: Date | null; actorId: string | null; action?: string },
) {
  const category = quotaCategory(session, personOf(candidate))
  if (!(await tryTakeSeat(tx, sessionId, category))) return false
  return moveWaitingBooking(tx, sessionId, candidate, category, options)
}

/**
 * The move of a waiting person whose seat (in `category`) is already taken: conditional, so a
 * person another process already served is left alone and the seat given back.
 */
async function moveWaitingBooking(
  tx: Tx,
  sessionId: string,
  candidate: WaitingBooking,
  category: string | null,
  options: { holdUntil: Date | null; actorId: string | null; action?: string },
) {
  const offerExpiresAt = options.holdUntil
  const moved = await tx.booking.updateMany({
    where: { id: candidate.id, status: 'waitlisted' },
    data: { status: offerExpiresAt ? 'offered' : 'confirmed', quotaCategory: category, offerExpiresAt },
  })
  if (moved.count === 0) {
    await releaseSeat(tx, sessionId, category)
    return false
  }
  await writeAudit(tx, {
    actorId: options.actorId,
    action: options.action ?? (offerExpiresAt ? 'booking.offered' : 'booking.promoted'),
    entity: 'Booking',
    entityId: candidate.id,
    data: offerExpiresAt ? { offerExpiresAt } : {},
  })
  await enqueueMail(tx, {
    kind: offerExpiresAt ? 'offer' : 'promoted',
    toEmail: candidate.booker.email,
    userId: candidate.booker.id,
    locale: candidate.booker.locale,
    bookingId: candidate.id,
    payload: offerExpiresAt ? { offerExpiresAt } : { invite: { method: 'REQUEST', sequence: candidate.icalSequence } },
  })
  return true
}
