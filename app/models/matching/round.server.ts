import { writeAudit } from '~/models/audit/audit.server'
import { enqueueMail } from '~/models/outbox/outbox.server'
import { db, isUniqueViolation, write, type Tx } from '~/utils/db.server'
import { arrived, entriesOf, participantBadges } from './entry.server'
import { mutualPairs } from './mutual'

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR
/** A round left open this long after its social ended is closed by the job. */
export const STALE_ROUND_MS = 12 * HOUR

/**
 * Give every confirmed participant of a social a badge number: the next free one, in booking
 * order, never reused in the session (a cancelled booking keeps its number), so a number once
 * printed stays right. Idempotent; two callers at once either collide on the unique (sessionId,
 * badgeNo) index (the loser tries again) or find the other's numbers already set (they are kept:
 * a number is given only to a booking still without one).
 */
export async function assignBadges(sessionId: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write(async (tx) => {
        const waiting = await tx.booking.findMany({
          where: { sessionId, status: 'confirmed', badgeNo: null },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          select: { id: true },
        })
        if (waiting.length === 0) return 0
        const top = await tx.booking.aggregate({ where: { sessionId }, _max: { badgeNo: true } })
        let next = (top._max.badgeNo ?? 0) + 1
        let given = 0
        for (const b of waiting) {
          // only a booking still without one: another caller may have numbered it since we read
          // (on PostgreSQL the update waits for that caller's commit, then finds the number set)
          const { count } = await tx.booking.updateMany({ where: { id: b.id, badgeNo: null }, data: { badgeNo: next } })
          if (count === 1) [next, given] = [next + 1, given + 1]
        }
        return given
      })
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 5) throw error
    }
  }
}

/**
 * The job's part: badges for socials with a round that have not ended yet. The few such
 * sessions are found first; only their bookings are looked at (not every booking without a badge).
 */
export async function assignDueBadges(now = new Date()) {
  const due = await db.session.findMany({
    where: { endsAt: { gt: now }, programme: { mutualChoice: true }, bookings: { some: { status: 'confirmed', badgeNo: null } } },
    select: { id: true },
    take: 50,
  })
  for (const session of due) await assignBadges(session.id)
}

export type RoundResult =
  { ok: true } | { ok: false; error: 'matching.errors.noRound' | 'matching.errors.closed' | 'matching.errors.notOpen' }

/** An organiser opens the round: from then on participants who arrived may choose. Once per session. */
export async function openRound(sessionId: string, actorId: string, now = new Date()): Promise<RoundResult> {
  const session = await db.session.findUnique({
    where: { id: sessionId },
    select: { programme: { select: { mutualChoice: true } }, choiceRound: { select: { status: true } } },
  })
  if (!session?.programme.mutualChoice) return { ok: false, error: 'matching.errors.noRound' }
  if (session.choiceRound)
    return { ok: false, error: session.choiceRound.status === 'closed' ? 'matching.errors.closed' : 'matching.errors.notOpen' }
  await assignBadges(sessionId)
  try {
    return await write(async (tx) => {
      const round = await tx.choiceRound.create({ data: { sessionId, status: 'open', openedAt: now }, select: { id: true } })
      await writeAudit(tx, { actorId, action: 'matching.round-opened', entity: 'ChoiceRound', entityId: round.id })
      return { ok: true } as const
    })
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, error: 'matching.errors.notOpen' }
    throw error
  }
}

/**
 * Close the round: no choice lands after it (the choosing transaction updates the round's
 * row, so the two are serialised). Counts are kept — how many took part, how many mutual
 * pairs — and every participant is mailed their matches, or that there were none this time.
 * Nothing one-sided is written anywhere.
 */
export async function closeRound(sessionId: string, actorId: string | null, now = new Date()): Promise<RoundResult> {
  return write(async (tx) => {
    const closed = await tx.choiceRound.updateMany({ where: { sessionId, status: 'open' }, data: { status: 'closed', closedAt: now } })
    if (closed.count === 0) {
      const round = await tx.choiceRound.findUnique({ where: { sessionId }, select: { status: true } })
      return { ok: false, error: round ? 'matching.errors.closed' : 'matching.errors.noRound' } as const
    }
    const participants = await participantBadges(tx, sessionId)
    const { choices } = await entriesOf(tx, sessionId)
    const pairs = mutualPairs(choices).length
    const round = await tx.choiceRound.update({
      where: { sessionId },
      data: { participants: participants.length, pairs },
      select: { id: true },
    })
    await mailParticipants(tx, sessionId)
    await writeAudit(tx, {
      actorId,
      action: 'matching.round-closed',
      entity: 'ChoiceRound',
      entityId: round.id,
      data: { participants: participants.length, pairs },
    })
    return { ok: true } as const
  })
}

/** One mail each: the matches are read when it is composed (the outbox keeps no name or contact). */
async function mailParticipants(tx: Tx, sessionId: string) {
  const bookings = await tx.booking.findMany({
    where: { sessionId, ...arrived },
    select: { id: true, booker: { select: { id: true, email: true, locale: true } } },
  })
  for (const b of bookings) {
    await enqueueMail(tx, {
      kind: 'mutual-matches',
      toEmail: b.booker.email,
      userId: b.booker.id,
      locale: b.booker.locale,
      bookingId: b.id,
    })
  }
}

/** The organiser's view: the round's state and counts only — never who chose whom. */
export async function roundSummary(sessionId: string) {
  const [round, participants, consented] = await Promise.all([
    db.choiceRound.findUnique({
      where: { sessionId },
      select: { status: true, openedAt: true, closedAt: true, participants: true, pairs: true, purgedAt: true },
    }),
    participantBadges(db, sessionId),
    db.choiceEntry.count({ where: { booking: { sessionId, status: 'confirmed' } } }),
  ])
  return { round, participants: round?.participants ?? participants.length, consented, pairs: round?.pairs ?? null }
}

/**
 * The job's part: a round left open long after its social is closed (its participants get their
 * mail); a round closed `retainDays` ago loses its choices, names and contacts for good — only
 * the counts remain.
 */
export async function tidyRounds(now: Date, retainDays: number) {
  const stale = await db.choiceRound.findMany({
    where: { status: 'open', session: { endsAt: { lt: new Date(now.getTime() - STALE_ROUND_MS) } } },
    select: { sessionId: true },
    take: 20,
  })
  for (const r of stale) await closeRound(r.sessionId, null, now)
  const expired = await db.choiceRound.findMany({
    where: { status: 'closed', purgedAt: null, closedAt: { lt: new Date(now.getTime() - retainDays * DAY) } },
    select: { id: true, sessionId: true },
    take: 20,
  })
  for (const r of expired) {
    await write(async (tx) => {
      const deleted = await tx.choiceEntry.deleteMany({ where: { booking: { sessionId: r.sessionId } } })
      await tx.choiceRound.update({ where: { id: r.id }, data: { purgedAt: now } })
      await writeAudit(tx, {
        actorId: null,
        action: 'matching.choices-deleted',
        entity: 'ChoiceRound',
        entityId: r.id,
        data: { entries: deleted.count },
      })
    })
  }
  // a participant's consent and contact for a social whose round never took place: gone too
  await write((tx) =>
    tx.choiceEntry.deleteMany({ where: { booking: { session: { endsAt: { lt: new Date(now.getTime() - retainDays * DAY) } } } } }),
  )
  return { closed: stale.length, purged: expired.length }
}
