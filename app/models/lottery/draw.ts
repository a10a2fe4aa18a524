import { createHash } from 'node:crypto'
import { z } from 'zod'

/**
 * The draw itself: a pure function of (seed, committed units, committed seats). No clock, no
 * database, no Math.random — so anyone recomputes it from the published record alone
 * (docs/decisions/0015-lottery.md, docs/lottery-verification.md; public/verify-lottery.mjs is
 * an independent implementation of the same steps, with nothing but Node's standard library).
 *
 * Seed: SHA-256(server seed ‖ "\n" ‖ public value) — the server seed committed by its hash at
 * the freeze, the public value (an official lottery draw's numbers, say) unknown to anyone then.
 * Order: each unit's ticket is SHA-256(seed ‖ "\n" ‖ unit id); units are ranked by tier (0
 * first), then ticket, then id. A ticket does not depend on the other units or the list's order.
 * Allocation: in that order each unit takes the first of its ranked sessions where the whole
 * unit fits (seats and each quota category), else it is waitlisted on its first choice still
 * running with the next number of that session's waitlist. A unit is one person, or siblings
 * placed together or not at all.
 */

/** One ticket in the draw as the public commitment lists it: no name, no id of ours. */
export type DrawUnit = {
  /** the applicant's public 4-digit code (with ~2… if two applications share one, -1… per child drawn alone) */
  id: string
  /** 0 = drawn first, 1 = everyone else, 2 = drawn last */
  tier: number
  size: number
  /** each attendee's quota category (null: none), sorted */
  categories: (string | null)[]
  /** public session numbers, first choice first */
  choices: number[]
}

/** What a session gives the draw: seats, and seats per quota category (when it has quotas), fixed at the freeze. */
export type DrawSession = { no: number; seats: number; quotas: Record<string, number> | null }

export type UnitResult =
  | { order: number; id: string; outcome: 'placed'; session: number; choice: number }
  | { order: number; id: string; outcome: 'waitlisted'; session: number; waitlistNo: number }
  /** none of the unit's sessions still runs (all were withdrawn before the draw) */
  | { order: number; id: string; outcome: 'unplaced' }

/** What happened at a unit's turn to each of its choices, in its order. */
export type ChoiceAtTurn = { session: number; state: 'placed' | 'full' | 'withdrawn' | 'not-reached' }

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

/** The seed of the draw: neither the operator (no public value at the freeze) nor the public value's publisher (no server seed) knows it alone. */
export const drawSeed = (serverSeed: string, publicValue: string) => sha256(`${serverSeed}\n${publicValue}`)

export const ticket = (seed: string, unitId: string) => sha256(`${seed}\n${unitId}`)

/**
 * A public value as it is entered and published: Unicode NFKC (full-width digits become
 * ASCII), runs of spaces, commas and the like become one space, trimmed. "03，07 12" → "03 07 12".
 */
export const normalisePublicValue = (value: string) =>
  value
    .normalize('NFKC')
    .replace(/[\s,;、，；]+/gu, ' ')
    .trim()

/** The draw order: tier, then ticket (then id, should two tickets ever collide). */
export function drawOrder(seed: string, units: DrawUnit[]) {
  return units
    .map((unit) => ({ unit, ticket: ticket(seed, unit.id) }))
    .sort((a, b) => a.unit.tier - b.unit.tier || compare(a.ticket, b.ticket) || compare(a.unit.id, b.unit.id))
}

/** Every unit's turn: its ticket, its result, and what each of its choices was at that moment. */
export function drawTurns(seed: string, units: DrawUnit[], sessions: DrawSession[]) {
  const left = new Map(sessions.map((s) => [s.no, { seats: s.seats, quotas: s.quotas ? { ...s.quotas } : null }]))
  const waitlistLength = new Map<number, number>()
  return drawOrder(seed, units).map(({ unit, ticket }, index) => {
    const order = index + 1
    const need = categoryCounts(unit.categories)
    const choices: ChoiceAtTurn[] = unit.choices.map((session) => ({ session, state: 'not-reached' }))
    for (const [i, session] of unit.choices.entries()) {
      const seats = left.get(session)
      if (!seats) {
        choices[i].state = 'withdrawn'
        continue
      }
      if (!fits(seats, unit.size, need)) {
        choices[i].state = 'full'
        continue
      }
      seats.seats -= unit.size
      if (seats.quotas) for (const [category, n] of need) seats.quotas[category] -= n
      choices[i].state = 'placed'
      return { unit, ticket, choices, result: { order, id: unit.id, outcome: 'placed', session, choice: i + 1 } as UnitResult }
    }
    const session = unit.choices.find((no) => left.has(no))
    if (session === undefined) return { unit, ticket, choices, result: { order, id: unit.id, outcome: 'unplaced' } as UnitResult }
    const waitlistNo = (waitlistLength.get(session) ?? 0) + 1
    waitlistLength.set(session, waitlistNo)
    return { unit, ticket, choices, result: { order, id: unit.id, outcome: 'waitlisted', session, waitlistNo } as UnitResult }
  })
}

export const draw = (seed: string, units: DrawUnit[], sessions: DrawSession[]): UnitResult[] =>
  drawTurns(seed, units, sessions).map((turn) => turn.result)

function categoryCounts(categories: (string | null)[]) {
  const counts = new Map<string, number>()
  for (const c of categories) counts.set(c ?? '', (counts.get(c ?? '') ?? 0) + 1)
  return counts
}

function fits(seats: { seats: number; quotas: Record<string, number> | null }, size: number, need: Map<string, number>) {
  if (seats.seats < size) return false
  if (!seats.quotas) return true
  for (const [category, n] of need) if ((seats.quotas[category] ?? 0) < n) return false
  return true
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** Categories in their one published order: strings by code point, then nulls. */
export const sortCategories = (categories: (string | null)[]) =>
  [...categories].sort((a, b) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : compare(a, b)))

/**
 * The one way a published structure becomes bytes to hash: JSON with every object's keys
 * sorted by code point and no spaces; arrays keep their order. (Our values are strings,
 * integers, booleans and null, for which this is RFC 8785's canonical form.)
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => compare(a, b))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/** How many units a result placed, waitlisted, and could not place anywhere. */
export function countOutcomes(result: UnitResult[]) {
  const count = (outcome: UnitResult['outcome']) => result.filter((r) => r.outcome === outcome).length
  return { placed: count('placed'), waitlisted: count('waitlisted'), unplaced: count('unplaced') }
}

// ---- the published record, as read back (from our database or a downloaded file): checked, never trusted

const hex64 = z.string().regex(/^[0-9a-f]{64}$/)
const sessionNo = z.number().int().min(1)

export const commitmentSchema = z.object({
  format: z.literal(2),
  programme: z.string(),
  frozenAt: z.string(),
  drawAt: z.string(),
  publicValueSource: z.object({ primary: z.string(), fallback: z.string() }),
  seedHash: hex64,
  sessions: z.array(
    z.object({
      no: sessionNo,
      startsAt: z.string(),
      seats: z.number().int().min(0),
      quotas: z.record(z.number().int().min(0)).nullable(),
    }),
  ),
  units: z.array(
    z.object({
      id: z.string().min(1),
      tier: z.number().int().min(0).max(2),
      size: z.number().int().min(1),
      categories: z.array(z.string().nullable()),
      choices: z.array(sessionNo),
    }),
  ),
})
export type Commitment = z.infer<typeof commitmentSchema>

const resultSchema = z.array(
  z.discriminatedUnion('outcome', [
    z.object({ order: z.number().int(), id: z.string(), outcome: z.literal('placed'), session: sessionNo, choice: z.number().int() }),
    z.object({
      order: z.number().int(),
      id: z.string(),
      outcome: z.literal('waitlisted'),
      session: sessionNo,
      waitlistNo: z.number().int(),
    }),
    z.object({ order: z.number().int(), id: z.string(), outcome: z.literal('unplaced') }),
  ]),
)

export const PUBLIC_VALUE_FROM = ['primary', 'fallback'] as const

export const drawRecordSchema = z.object({
  serverSeed: hex64,
  publicValue: z.string().min(1),
  publicValueFrom: z.enum(PUBLIC_VALUE_FROM),
  publicValueNote: z.string().nullable(),
  seed: hex64,
  /** committed sessions that could no longer be given at the draw (cancelled, or already started) */
  withdrawn: z.array(sessionNo),
  result: resultSchema,
})
export type DrawRecord = z.infer<typeof drawRecordSchema>

/** The file anyone may download from the results page, and check with public/verify-lottery.mjs. */
export const publicRecordSchema = z.object({
  format: z.literal('carnation-lottery/2'),
  commitment: commitmentSchema,
  commitmentHash: hex64,
  draw: drawRecordSchema.nullable(),
  resultHash: hex64.nullable(),
})
export type PublicRecord = z.infer<typeof publicRecordSchema>

/** The sessions the draw gives: the committed ones, less those withdrawn since. */
export const sessionsAtDraw = (commitment: Commitment, withdrawn: number[]): DrawSession[] =>
  commitment.sessions.filter((s) => !withdrawn.includes(s.no)).map(({ no, seats, quotas }) => ({ no, seats, quotas }))

export type Verification =
  | { ok: true; units: number; placed: number; waitlisted: number; unplaced: number; commitmentHash: string }
  | { ok: false; problems: string[] }

/**
 * Check a published record as a stranger would: the commitment hashes to its published hash,
 * the revealed server seed to the hash committed inside it, the seed is the hash of server seed
 * and public value, the result is the draw of (seed, committed units, committed seats less the
 * withdrawn sessions) position by position, and the draw record hashes to the result hash.
 * `expectedCommitmentHash`: the hash as published at the freeze, if the checker noted it.
 */
export function verifyRecord(record: PublicRecord, expectedCommitmentHash?: string): Verification {
  const problems: string[] = []
  const { commitment, draw: drawn } = record
  const commitmentHash = sha256(canonicalJson(commitment))
  if (commitmentHash !== record.commitmentHash)
    problems.push(`the commitment hashes to ${commitmentHash}, not to the published ${record.commitmentHash}`)
  if (expectedCommitmentHash && commitmentHash !== expectedCommitmentHash)
    problems.push(`the commitment hashes to ${commitmentHash}, not to ${expectedCommitmentHash} as published at the freeze`)
  if (!drawn) return { ok: false, problems: [...problems, 'the lottery has not been drawn yet'] }
  if (sha256(drawn.serverSeed) !== commitment.seedHash)
    problems.push(`the revealed server seed hashes to ${sha256(drawn.serverSeed)}, not to the committed ${commitment.seedHash}`)
  const seed = drawSeed(drawn.serverSeed, drawn.publicValue)
  if (seed !== drawn.seed) problems.push(`the seed of server seed and public value is ${seed}, not the published ${drawn.seed}`)
  const recomputed = draw(seed, commitment.units, sessionsAtDraw(commitment, drawn.withdrawn))
  for (let i = 0; i < Math.max(recomputed.length, drawn.result.length); i++) {
    if (canonicalJson(recomputed[i] ?? null) !== canonicalJson(drawn.result[i] ?? null)) {
      problems.push(`draw position ${i + 1} differs: published ${describe(drawn.result[i])}, recomputed ${describe(recomputed[i])}`)
      break
    }
  }
  const resultHash = sha256(canonicalJson(drawn))
  if (resultHash !== record.resultHash) problems.push(`the draw record hashes to ${resultHash}, not to the published ${record.resultHash}`)
  if (problems.length > 0) return { ok: false, problems }
  return { ok: true, units: commitment.units.length, ...countOutcomes(recomputed), commitmentHash }
}

export function describe(r: UnitResult | undefined) {
  if (!r) return 'nothing'
  if (r.outcome === 'placed') return `${r.id} placed in session ${r.session} (choice ${r.choice})`
  if (r.outcome === 'waitlisted') return `${r.id} waitlisted on session ${r.session} as no. ${r.waitlistNo}`
  return `${r.id} unplaced`
}
