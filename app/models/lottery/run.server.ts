import { randomBytes } from 'node:crypto'
import { writeAudit } from '~/models/audit/audit.server'
import { attendeeColumns, attendeeIds, attendeeKey } from '~/models/booking/constants'
import { tryTakeSeat } from '~/models/booking/seats.server'
import { enqueueMail } from '~/models/outbox/outbox.server'
import { db, isUniqueViolation, write, type Tx } from '~/utils/db.server'
import { decryptField, encryptField } from '~/utils/field-crypto.server'
import {
  canonicalResult,
  canonicalSessions,
  canonicalUnits,
  countOutcomes,
  draw,
  frozenUnitsSchema,
  sha256,
  type DrawSession,
  type DrawUnit,
  type UnitResult,
} from './draw'
import { parseKeys, peopleByKey } from './entries.server'
import { householdTiers } from './tiers.server'

/**
 * Entries are frozen this long after the window closes: an application that passed the
 * window check just before the close has landed by then, on every instance.
 */
export const FREEZE_GRACE_MS = 60 * 1000
const HOUR = 60 * 60 * 1000

/**
 * Close a lottery's window for good: read its entries, decide each household's tier, split
 * households that asked to be drawn apart, choose a secret seed, and publish SHA-256 of the
 * seed and of the canonical list. Once per programme even with several instances (the
 * unique programmeId of Lottery); false when there was nothing to do.
 */
export async function freezeLottery(programmeId: string, now = new Date()) {
  const programme = await db.programme.findUnique({
    where: { id: programmeId },
    select: {
      id: true,
      kind: true,
      priorityTiers: true,
      allocation: true,
      bookingClosesAt: true,
      lottery: { select: { id: true } },
      sessions: { select: { quotas: { select: { id: true } } } },
    },
  })
  if (!programme || programme.allocation !== 'lottery' || programme.lottery) return false
  if (now.getTime() < programme.bookingClosesAt.getTime() + FREEZE_GRACE_MS) return false
  const entries = (
    await db.lotteryEntry.findMany({
      where: { programmeId },
      select: { id: true, applicantId: true, attendees: true, choices: true, together: true },
    })
  ).map((e) => ({ ...e, attendeeKeys: parseKeys(e.attendees), choices: parseKeys(e.choices) }))
  const byQuota = programme.sessions.some((s) => s.quotas.length > 0)
  const people = byQuota ? await peopleByKey(entries.flatMap((e) => e.attendeeKeys)) : new Map<string, { gender: string | null }>()
  const tiers = await householdTiers(programme, entries, now)
  const units: DrawUnit[] = entries.flatMap((e) => {
    const attendees = e.attendeeKeys.map((key) => ({ key, category: people.get(key)?.gender ?? null }))
    const tier = tiers.get(e.id) ?? 1
    if (e.together || attendees.length === 1) return [{ id: e.id, entryId: e.id, attendees, choices: e.choices, tier }]
    return attendees.map((a, i) => ({ id: `${e.id}.${i + 1}`, entryId: e.id, attendees: [a], choices: e.choices, tier }))
  })
  const seed = randomBytes(32).toString('hex')
  const frozenEntries = canonicalUnits(units)
  const entriesHash = sha256(frozenEntries)
  try {
    await write(async (tx) => {
      const lottery = await tx.lottery.create({
        data: { programmeId, frozenEntries, entriesHash, seedHash: sha256(seed), seedSealed: encryptField(seed)!, frozenAt: now },
        select: { id: true },
      })
      await writeAudit(tx, {
        actorId: null,
        action: 'lottery.frozen',
        entity: 'Lottery',
        entityId: lottery.id,
        data: { programmeId, entries: entries.length, units: units.length, entriesHash },
      })
    })
    return true
  } catch (error) {
    if (isUniqueViolation(error)) return false // another instance froze it first
    throw error
  }
}

export type DrawOutcome =
  { ok: true; placed: number; waitlisted: number; unplaced: number } | { ok: false; reason: 'not-frozen' | 'already-drawn' }

/**
 * Run the draw of a frozen lottery, once: claim it (a conditional update, so one instance or
 * one click wins), reveal the seed, draw, and in the same transaction give each placed unit
 * its places (seats taken with the same conditional updates as booking; confirmed, or in offer
 * mode held to be claimed) and each other one a waitlist place in draw order; one mail per
 * booking in the applicant's language. Everything or nothing: a crash leaves the lottery undrawn, to be drawn again.
 */
export async function runDraw(programmeId: string, options: { actorId: string | null; now?: Date }): Promise<DrawOutcome> {
  const now = options.now ?? new Date()
  const lottery = await db.lottery.findUnique({
    where: { programmeId },
    select: {
      id: true,
      drawnAt: true,
      seedSealed: true,
      frozenEntries: true,
      programme: { select: { slug: true, waitlistMode: true, offerHours: true } },
    },
  })
  if (!lottery) return { ok: false, reason: 'not-frozen' }
  if (lottery.drawnAt) return { ok: false, reason: 'already-drawn' }
  const seed = decryptField(lottery.seedSealed)!
  const units = frozenUnitsSchema.parse(JSON.parse(lottery.frozenEntries))
  return write(
    async (tx) => {
      const claimed = await tx.lottery.updateMany({
        where: { id: lottery.id, drawnAt: null },
        data: { drawnAt: now, drawnById: options.actorId, seed },
      })
      if (claimed.count === 0) return { ok: false, reason: 'already-drawn' } as const
      const sessions = await tx.session.findMany({
        // only sessions still to come can be given (a draw run late skips those already started)
        where: { programmeId, status: 'scheduled', startsAt: { gt: now } },
        select: { id: true, capacity: true, seatsTaken: true, waitlistSeq: true, quotas: true },
      })
      const seats: DrawSession[] = sessions.map((s) => ({
        id: s.id,
        free: Math.max(0, s.capacity - s.seatsTaken),
        quotas: s.quotas.length > 0 ? Object.fromEntries(s.quotas.map((q) => [q.category, Math.max(0, q.capacity - q.seatsTaken)])) : null,
      }))
      const result = draw(seed, units, seats)
      // in offer mode a drawn place is held for the family to claim, like any offer: unclaimed, it passes down the waitlist
      const holdUntil = lottery.programme.waitlistMode === 'offer' ? new Date(now.getTime() + lottery.programme.offerHours * HOUR) : null
      await applyResult(tx, { slug: lottery.programme.slug, units, result, sessions, now, holdUntil, actorId: options.actorId })
      const seatsText = canonicalSessions(seats)
      const resultText = canonicalResult(result)
      await tx.lottery.update({
        where: { id: lottery.id },
        data: { seats: seatsText, result: resultText, resultHash: resultHashOf(seatsText, resultText) },
      })
      const counts = countOutcomes(result)
      await writeAudit(tx, { actorId: options.actorId, action: 'lottery.drawn', entity: 'Lottery', entityId: lottery.id, data: counts })
      return { ok: true, ...counts } as const
    },
    { timeout: 120_000 },
  )
}

/** What is published after the draw and checked by lottery:verify: the seats the draw had and its result. */
export const resultHashOf = (seats: string, result: string) => sha256(`${seats}\n${result}`)

async function applyResult(
  tx: Tx,
  input: {
    slug: string
    holdUntil: Date | null
    units: DrawUnit[]
    result: UnitResult[]
    sessions: { id: string; waitlistSeq: number }[]
    now: Date
    actorId: string | null
  },
) {
  const unitsById = new Map(input.units.map((u) => [u.id, u]))
  const entryIds = [...new Set(input.units.map((u) => u.entryId))]
  const applicants = new Map(
    (
      await tx.lotteryEntry.findMany({
        where: { id: { in: entryIds } },
        select: { id: true, applicant: { select: { id: true, email: true, locale: true, erasedAt: true } } },
      })
    ).map((e) => [e.id, e.applicant]),
  )
  // people deleted (PIPL) after the freeze keep their line in the published result, but get no booking
  const erased = new Set(
    (
      await tx.child.findMany({
        where: { erasedAt: { not: null }, id: { in: attendeeIds(input.units.flatMap((u) => u.attendees.map((a) => a.key))).childIds } },
        select: { id: true },
      })
    ).map((c) => attendeeKey({ kind: 'child', childId: c.id })),
  )
  const active = new Set(
    (
      await tx.booking.findMany({
        where: { sessionId: { in: input.sessions.map((s) => s.id) }, activeKey: { not: null } },
        select: { sessionId: true, activeKey: true },
      })
    ).map((b) => `${b.sessionId} ${b.activeKey}`),
  )
  // each waitlisted person gets the next number of the session's waitlist, in draw order
  const lastSeq = new Map(input.sessions.map((s) => [s.id, s.waitlistSeq]))
  for (const r of input.result) {
    if (r.outcome === 'unplaced') continue
    const unit = unitsById.get(r.id)!
    const applicant = applicants.get(unit.entryId)
    if (!applicant || applicant.erasedAt) continue // the applicant's account is gone: nobody to give the place to
    const placed = r.outcome === 'placed'
    for (const attendee of unit.attendees) {
      const key = attendee.key
      if (active.has(`${r.sessionId} ${key}`) || erased.has(key)) continue // holds a place there already, or was deleted
      const waitlistSeq = placed ? null : lastSeq.get(r.sessionId)! + 1
      if (waitlistSeq !== null) lastSeq.set(r.sessionId, waitlistSeq)
      if (placed && !(await tryTakeSeat(tx, r.sessionId, attendee.category))) {
        throw new Error(`lottery ${input.slug}: the seat drawn for ${r.id} in ${r.sessionId} was not free`)
      }
      const booking = await tx.booking.create({
        data: {
          sessionId: r.sessionId,
          bookerId: applicant.id,
          ...attendeeColumns(key),
          activeKey: key,
          status: placed ? (input.holdUntil ? 'offered' : 'confirmed') : 'waitlisted',
          offerExpiresAt: placed ? input.holdUntil : null,
          quotaCategory: placed ? attendee.category : null,
          waitlistSeq,
          householdId: unit.attendees.length > 1 ? unit.id : null,
        },
        select: { id: true },
      })
      await writeAudit(tx, {
        actorId: input.actorId,
        action: placed ? (input.holdUntil ? 'booking.offered' : 'booking.confirmed') : 'booking.waitlisted',
        entity: 'Booking',
        entityId: booking.id,
        data: { lottery: input.slug, order: r.order },
      })
      await enqueueMail(tx, {
        kind: placed ? 'lottery-placed' : 'lottery-waitlisted',
        toEmail: applicant.email,
        userId: applicant.id,
        locale: applicant.locale,
        bookingId: booking.id,
        payload: !placed
          ? { lottery: { slug: input.slug, waitlistNo: r.waitlistNo } }
          : input.holdUntil
            ? { offerExpiresAt: input.holdUntil.toISOString(), lottery: { slug: input.slug, choice: r.choice } }
            : { invite: { method: 'REQUEST', sequence: 0 }, lottery: { slug: input.slug, choice: r.choice } },
      })
    }
  }
  for (const session of input.sessions) {
    const seq = lastSeq.get(session.id)!
    if (seq !== session.waitlistSeq) await tx.session.update({ where: { id: session.id }, data: { waitlistSeq: seq } })
  }
}

/**
 * The job runner's part: freeze lotteries whose window has closed, draw those whose draw time
 * has come. Safe in every instance at once (see freezeLottery and runDraw).
 */
export async function runDueLotteries(now = new Date()) {
  const due = await db.programme.findMany({
    where: {
      allocation: 'lottery',
      status: 'published',
      OR: [
        { lottery: { is: null }, bookingClosesAt: { lte: new Date(now.getTime() - FREEZE_GRACE_MS) } },
        { lottery: { is: { drawnAt: null } }, drawAt: { lte: now } },
      ],
    },
    select: { id: true, drawAt: true },
    take: 20,
  })
  for (const programme of due) {
    await freezeLottery(programme.id, now)
    if (programme.drawAt && programme.drawAt <= now) await runDraw(programme.id, { actorId: null, now })
  }
}

/** An organiser's "draw now": from a minute after the close, freezing first if the job has not. */
export async function drawNow(programmeId: string, actorId: string, now = new Date()) {
  const programme = await db.programme.findUnique({ where: { id: programmeId }, select: { allocation: true, bookingClosesAt: true } })
  if (!programme || programme.allocation !== 'lottery') return { ok: false, reason: 'not-frozen' } as const
  if (now.getTime() < programme.bookingClosesAt.getTime() + FREEZE_GRACE_MS) return { ok: false, reason: 'not-closed' } as const
  await freezeLottery(programmeId, now)
  return runDraw(programmeId, { actorId, now })
}
