import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import { writeAudit } from '~/models/audit/audit.server'
import { db, isUniqueViolation, write } from '~/utils/db.server'
import { encryptField } from '~/utils/field-crypto.server'
import { canonicalJson, sha256, sortCategories, type Commitment, type DrawUnit } from './draw'
import { parseKeys, peopleByKey } from './entries.server'
import { householdTiers } from './tiers.server'

/**
 * Entries are frozen this long after the window closes: an application that passed the
 * window check just before the close has landed by then, on every instance.
 */
export const FREEZE_GRACE_MS = 60 * 1000

/**
 * The private list behind a commitment, never published: who each public unit is (entry and
 * attendee keys, with the category each counted in) and which session each public number is.
 * The commitment's units are derived from it (publicUnit), which lottery:verify re-checks.
 */
export const privateListSchema = z.object({
  sessions: z.array(z.object({ no: z.number().int(), id: z.string() })),
  units: z.array(
    z.object({
      id: z.string(),
      entryId: z.string(),
      attendees: z.array(z.object({ key: z.string().regex(/^[uc]:/), category: z.string().nullable() })).min(1),
      choices: z.array(z.string()),
      tier: z.number().int().min(0).max(2),
    }),
  ),
})
export type PrivateList = z.infer<typeof privateListSchema>
export type PrivateUnit = PrivateList['units'][number]

/** What the commitment shows of a unit: its code, tier, size, categories and choices by session number. */
export function publicUnit(unit: PrivateUnit, sessionNo: Map<string, number>): DrawUnit {
  return {
    id: unit.id,
    tier: unit.tier,
    size: unit.attendees.length,
    categories: sortCategories(unit.attendees.map((a) => a.category)),
    choices: unit.choices.map((id) => sessionNo.get(id)!),
  }
}

/**
 * Public unit ids from the applicants' 4-digit codes, in an order fixed before anyone can know
 * a ticket: an application is its code ("0421"); a second application that drew the same code
 * is "0421~2" (applications of one code in the order of our ids); a child drawn alone from a
 * household that asked for it is "0421-1", "0421-2".
 */
function unitIds(entries: { id: string; code: string }[]) {
  const label = new Map<string, string>()
  const seen = new Map<string, number>()
  for (const e of [...entries].sort((a, b) => (a.code === b.code ? (a.id < b.id ? -1 : 1) : a.code < b.code ? -1 : 1))) {
    const n = (seen.get(e.code) ?? 0) + 1
    seen.set(e.code, n)
    label.set(e.id, n === 1 ? e.code : `${e.code}~${n}`)
  }
  return label
}

/**
 * Close a lottery's window for good, and commit to everything its draw depends on: the units
 * (tiers decided now, households split where asked), the seats and quota seats each session
 * gives the draw, the public value's named sources and the hash of a secret server seed. One
 * canonical JSON (published from now on) and its SHA-256. Once per programme even with several
 * instances (the unique programmeId); never at or after the draw time, when the public value may
 * already be known. False when there was nothing to do.
 */
export async function freezeLottery(programmeId: string, now = new Date()) {
  const programme = await db.programme.findUnique({
    where: { id: programmeId },
    select: {
      id: true,
      slug: true,
      kind: true,
      priorityTiers: true,
      allocation: true,
      bookingClosesAt: true,
      drawAt: true,
      drawSource: true,
      drawFallback: true,
      lottery: { select: { id: true } },
      sessions: {
        where: { status: 'scheduled', startsAt: { gt: now } },
        select: {
          id: true,
          startsAt: true,
          capacity: true,
          seatsTaken: true,
          quotas: { select: { category: true, capacity: true, seatsTaken: true } },
        },
        orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      },
    },
  })
  if (!programme || programme.allocation !== 'lottery' || programme.lottery || !programme.drawAt) return false
  if (!programme.drawSource.trim() || !programme.drawFallback.trim()) return false
  if (now.getTime() < programme.bookingClosesAt.getTime() + FREEZE_GRACE_MS || now >= programme.drawAt) return false
  const entries = (
    await db.lotteryEntry.findMany({
      where: { programmeId },
      select: { id: true, code: true, applicantId: true, attendees: true, choices: true, together: true },
    })
  ).map((e) => ({ ...e, attendeeKeys: parseKeys(e.attendees), choices: parseKeys(e.choices) }))
  const sessions = programme.sessions.map((s, i) => ({ ...s, no: i + 1 }))
  const sessionNo = new Map(sessions.map((s) => [s.id, s.no]))
  const byQuota = sessions.some((s) => s.quotas.length > 0)
  const people = byQuota ? await peopleByKey(entries.flatMap((e) => e.attendeeKeys)) : new Map<string, { gender: string | null }>()
  const tiers = await householdTiers(programme, entries, now)
  const ids = unitIds(entries)
  const units: PrivateUnit[] = entries.flatMap((e) => {
    const attendees = e.attendeeKeys.map((key) => ({ key, category: people.get(key)?.gender ?? null }))
    // a choice of a session cancelled before the close is no choice
    const unit = { entryId: e.id, choices: e.choices.filter((id) => sessionNo.has(id)), tier: tiers.get(e.id) ?? 1 }
    if (e.together || attendees.length === 1) return [{ ...unit, id: ids.get(e.id)!, attendees }]
    return attendees.map((a, i) => ({ ...unit, id: `${ids.get(e.id)}-${i + 1}`, attendees: [a] }))
  })
  units.sort((a, b) => (a.id < b.id ? -1 : 1))
  const serverSeed = randomBytes(32).toString('hex')
  const commitment: Commitment = {
    format: 2,
    programme: programme.slug,
    frozenAt: now.toISOString(),
    drawAt: programme.drawAt.toISOString(),
    publicValueSource: { primary: programme.drawSource.trim(), fallback: programme.drawFallback.trim() },
    seedHash: sha256(serverSeed),
    sessions: sessions.map((s) => ({
      no: s.no,
      startsAt: s.startsAt.toISOString(),
      seats: Math.max(0, s.capacity - s.seatsTaken),
      quotas: s.quotas.length > 0 ? Object.fromEntries(s.quotas.map((q) => [q.category, Math.max(0, q.capacity - q.seatsTaken)])) : null,
    })),
    units: units.map((u) => publicUnit(u, sessionNo)),
  }
  const text = canonicalJson(commitment)
  const entriesHash = sha256(text)
  const privateList: PrivateList = { sessions: sessions.map((s) => ({ no: s.no, id: s.id })), units }
  try {
    await write(async (tx) => {
      const lottery = await tx.lottery.create({
        data: {
          programmeId,
          frozenEntries: JSON.stringify(privateList),
          commitment: text,
          entriesHash,
          seedHash: commitment.seedHash,
          seedSealed: encryptField(serverSeed)!,
          frozenAt: now,
        },
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
