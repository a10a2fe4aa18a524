import { writeAudit } from '~/models/audit/audit.server'
import { type Tx, write } from '~/utils/db.server'
import { promoteFromWaitlist } from './waitlist.server'

// A session's places are the booking domain's: only here (and in seats.server.ts, which takes
// and releases them) does anything write capacity, quotas or the seats they hold.

/**
 * Raise or lower a session's capacity. Lowering below the seats already held is refused (the
 * conditional update finds no row); raising serves the waitlist in the same transaction.
 */
export async function changeCapacity(sessionId: string, capacity: number, actorId: string, now = new Date()) {
  return write(async (tx) => {
    const session = await tx.session.findUniqueOrThrow({ where: { id: sessionId }, select: { capacity: true, programmeId: true } })
    if (capacity < session.capacity && (await awaitsDraw(tx, session.programmeId))) {
      return { ok: false, error: 'errors.lotteryFrozenCapacity' } as const
    }
    const changed = await tx.session.updateMany({
      where: { id: sessionId, status: 'scheduled', seatsTaken: { lte: capacity } },
      data: { capacity },
    })
    if (changed.count === 0) return { ok: false, error: 'errors.capacityBelowBooked' } as const
    return serveWaitlist(tx, sessionId, { action: 'session.capacity-changed', data: { capacity }, actorId, now })
  })
}

/**
 * Change the per-gender places of a session. Lowering one below the seats it already holds
 * is refused; raising one serves the waitlist. Adding or dropping a category is only allowed
 * while nobody is booked (existing bookings were counted against the old split).
 */
export async function changeQuotas(sessionId: string, quotas: { female?: number; male?: number }, actorId: string, now = new Date()) {
  return write(async (tx) => {
    const session = await tx.session.findUniqueOrThrow({ where: { id: sessionId }, include: { quotas: true } })
    const wanted = Object.entries(quotas).filter(([, v]) => v !== undefined) as [string, number][]
    const lowered = session.quotas.some((q) => wanted.every(([c, v]) => c !== q.category || v < q.capacity))
    if (lowered && (await awaitsDraw(tx, session.programmeId))) return { ok: false, error: 'errors.lotteryFrozenCapacity' } as const
    if (wanted.reduce((sum, [, v]) => sum + v, 0) > session.capacity) return { ok: false, error: 'errors.quotaOverCapacity' } as const
    const sameCategories = wanted.length === session.quotas.length && wanted.every(([c]) => session.quotas.some((q) => q.category === c))
    if (!sameCategories) {
      const active = await tx.booking.count({ where: { sessionId, activeKey: { not: null } } })
      if (active > 0) return { ok: false, error: 'errors.quotaCategoriesLocked' } as const
      await tx.quota.deleteMany({ where: { sessionId } })
      if (wanted.length) await tx.quota.createMany({ data: wanted.map(([category, capacity]) => ({ sessionId, category, capacity })) })
    } else {
      for (const [category, capacity] of wanted) {
        const changed = await tx.quota.updateMany({ where: { sessionId, category, seatsTaken: { lte: capacity } }, data: { capacity } })
        if (changed.count === 0) throw new QuotaBelowBooked()
      }
    }
    return serveWaitlist(tx, sessionId, { action: 'session.quotas-changed', data: quotas, actorId, now })
  }).catch((error) => {
    if (error instanceof QuotaBelowBooked) return { ok: false, error: 'errors.capacityBelowBooked' } as const
    throw error
  })
}

class QuotaBelowBooked extends Error {}

/**
 * A lottery's entries are frozen with the seats each session gives the draw, and not drawn yet:
 * places may be added (they go down the drawn waitlist after the draw), none taken away — the
 * draw must be able to give every seat it was committed to (docs/decisions/0015-lottery.md).
 */
async function awaitsDraw(tx: Tx, programmeId: string) {
  const lottery = await tx.lottery.findUnique({ where: { programmeId }, select: { drawnAt: true } })
  return lottery !== null && lottery.drawnAt === null
}

/** Places were added: the waitlist is served in the same transaction, and the change audited with how many moved up. */
async function serveWaitlist(tx: Tx, sessionId: string, change: { action: string; data: object; actorId: string; now: Date }) {
  const promoted = await promoteFromWaitlist(tx, sessionId, change.now, change.actorId)
  await writeAudit(tx, {
    actorId: change.actorId,
    action: change.action,
    entity: 'Session',
    entityId: sessionId,
    data: { ...change.data, promoted: promoted.length },
  })
  return { ok: true, promoted: promoted.length } as const
}

type NewSession = {
  programmeId: string
  startsAt: Date
  endsAt: Date
  capacity: number
  placeZh: string
  placeEn: string
  repeatDays?: string | null
  repeatUntil?: Date | null
  excludedDates?: string | null
}

/** A new session with its places, and its per-gender places if any (the organiser's forms). */
export function createSessionWithPlaces(tx: Tx, session: NewSession, quotas: { category: string; capacity: number }[] = []) {
  return tx.session.create({
    data: { ...session, quotas: quotas.length ? { create: quotas } : undefined },
    select: { id: true },
  })
}

/** Many short sessions at once (check-up slots), each with its places. */
export function createSessionsWithPlaces(tx: Tx, sessions: NewSession[]) {
  return tx.session.createMany({ data: sessions })
}
