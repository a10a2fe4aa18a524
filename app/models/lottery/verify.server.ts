import type { Prisma } from '../../../generated/prisma/client'
import { db } from '~/utils/db.server'
import {
  canonicalJson,
  commitmentSchema,
  drawRecordSchema,
  drawSeed,
  verifyRecord,
  type Commitment,
  type DrawRecord,
  type PublicRecord,
  type Verification,
} from './draw'
import { privateListSchema, publicUnit } from './freeze.server'

/** The Lottery columns the public record is made of (never the sealed seed). */
export const recordSelect = {
  commitment: true,
  entriesHash: true,
  seed: true,
  publicValue: true,
  publicValueFrom: true,
  publicValueNote: true,
  withdrawn: true,
  result: true,
  resultHash: true,
  drawnAt: true,
} as const

type RecordRow = Prisma.LotteryGetPayload<{ select: typeof recordSelect }>

/**
 * What anyone may download (docs/lottery-verification.md): the commitment as published at the
 * freeze and, once drawn, the draw record — server seed, public value, withdrawn sessions and
 * the result. Null for a lottery frozen before public commitments (format 1).
 */
export function publicRecordOf(row: RecordRow): PublicRecord | null {
  if (!row.commitment) return null
  const commitment: Commitment = commitmentSchema.parse(JSON.parse(row.commitment))
  let draw: DrawRecord | null = null
  if (row.drawnAt && row.seed && row.publicValue && row.result !== null && row.withdrawn !== null) {
    draw = drawRecordSchema.parse({
      serverSeed: row.seed,
      publicValue: row.publicValue,
      publicValueFrom: row.publicValueFrom,
      publicValueNote: row.publicValueNote,
      // the seed the draw used is not stored apart: it is this, by definition (and verifyRecord recomputes it)
      seed: drawSeed(row.seed, row.publicValue),
      withdrawn: JSON.parse(row.withdrawn),
      result: JSON.parse(row.result),
    })
  }
  return { format: 'carnation-lottery/2', commitment, commitmentHash: row.entriesHash, draw, resultHash: draw ? row.resultHash : null }
}

/**
 * `npm run lottery:verify -- <slug>`: everything a stranger checks on the downloaded file
 * (verifyRecord), and what only the database holder can — that the stored commitment is the
 * very text whose hash was published, and that each public unit is derived from the private
 * list of who applied (same tier, size, categories and choices).
 */
export async function verifyLottery(slug: string): Promise<Verification> {
  const programme = await db.programme.findUnique({
    where: { slug },
    select: { lottery: { select: { ...recordSelect, frozenEntries: true } } },
  })
  if (!programme) return { ok: false, problems: [`no programme has the slug ${slug}`] }
  const lottery = programme.lottery
  if (!lottery) return { ok: false, problems: ['this programme has no lottery yet (its window has not closed)'] }
  const record = publicRecordOf(lottery)
  if (!record) return { ok: false, problems: ['this lottery was frozen before public commitments (format 1): verify it with that release'] }
  const problems: string[] = []
  if (canonicalJson(record.commitment) !== lottery.commitment) problems.push('the stored commitment is not in canonical form')
  const list = privateListSchema.safeParse(JSON.parse(lottery.frozenEntries))
  if (!list.success) problems.push('the private list behind the commitment is unreadable')
  else {
    const sessionNo = new Map(list.data.sessions.map((s) => [s.id, s.no]))
    const derived = list.data.units.map((u) => canonicalJson(publicUnit(u, sessionNo)))
    const published = record.commitment.units.map((u) => canonicalJson(u))
    const first = derived.findIndex((u, i) => u !== published[i])
    if (first !== -1 || derived.length !== published.length)
      problems.push(`the committed unit ${record.commitment.units[first]?.id ?? '(count)'} is not what the private list says`)
  }
  const verified = verifyRecord(record)
  if (!verified.ok) problems.push(...verified.problems)
  return problems.length > 0 ? { ok: false, problems } : verified
}
