import { db } from '~/utils/db.server'
import {
  canonicalResult,
  canonicalUnits,
  countOutcomes,
  draw,
  drawSessionsSchema,
  frozenUnitsSchema,
  sha256,
  type UnitResult,
} from './draw'
import { resultHashOf } from './run.server'

export type Verification = { ok: true; entries: number; placed: number; waitlisted: number; hash: string } | { ok: false; problem: string }

/**
 * Recompute a drawn lottery from what it published: the revealed seed must hash to the
 * commitment, the frozen list to its hash, and the draw of (seed, list, seats) must give the
 * stored result, entry by entry (`npm run lottery:verify -- <slug>`).
 */
export async function verifyLottery(slug: string): Promise<Verification> {
  const programme = await db.programme.findUnique({
    where: { slug },
    select: {
      lottery: {
        select: { seed: true, seedHash: true, frozenEntries: true, entriesHash: true, seats: true, result: true, resultHash: true },
      },
    },
  })
  if (!programme) return { ok: false, problem: `no programme has the slug ${slug}` }
  const lottery = programme.lottery
  if (!lottery) return { ok: false, problem: 'this programme has no lottery yet (its window has not closed)' }
  if (!lottery.seed || lottery.seats === null || lottery.result === null)
    return { ok: false, problem: 'the lottery has not been drawn yet' }
  if (sha256(lottery.seed) !== lottery.seedHash)
    return { ok: false, problem: `the revealed seed hashes to ${sha256(lottery.seed)}, not to the published ${lottery.seedHash}` }
  if (sha256(lottery.frozenEntries) !== lottery.entriesHash)
    return {
      ok: false,
      problem: `the frozen entries hash to ${sha256(lottery.frozenEntries)}, not to the published ${lottery.entriesHash}`,
    }
  const units = frozenUnitsSchema.safeParse(JSON.parse(lottery.frozenEntries))
  if (!units.success) return { ok: false, problem: 'the frozen entries are not a list of draw units' }
  if (canonicalUnits(units.data) !== lottery.frozenEntries) return { ok: false, problem: 'the frozen entries are not in canonical form' }
  const seats = drawSessionsSchema.safeParse(JSON.parse(lottery.seats))
  if (!seats.success) return { ok: false, problem: 'the seats the draw had are unreadable' }
  if (resultHashOf(lottery.seats, lottery.result) !== lottery.resultHash)
    return { ok: false, problem: `the stored result does not hash to the published ${lottery.resultHash}` }
  const stored = JSON.parse(lottery.result) as UnitResult[]
  const recomputed = draw(lottery.seed, units.data, seats.data)
  for (let i = 0; i < Math.max(stored.length, recomputed.length); i++) {
    const a = stored[i]
    const b = recomputed[i]
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      return { ok: false, problem: `draw position ${i + 1} differs: stored ${describe(a)}, recomputed ${describe(b)}` }
    }
  }
  if (canonicalResult(recomputed) !== lottery.result) return { ok: false, problem: 'the stored result is not in canonical form' }
  const { placed, waitlisted } = countOutcomes(recomputed)
  return { ok: true, entries: units.data.length, placed, waitlisted, hash: lottery.entriesHash }
}

function describe(r: UnitResult | undefined) {
  if (!r) return 'nothing'
  if (r.outcome === 'placed') return `${r.id} placed in ${r.sessionId} (choice ${r.choice})`
  if (r.outcome === 'waitlisted') return `${r.id} waitlisted on ${r.sessionId} as no. ${r.waitlistNo}`
  return `${r.id} unplaced`
}
