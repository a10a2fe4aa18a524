import { createHash } from 'node:crypto'
import { z } from 'zod'

/**
 * The draw itself: a pure function of (seed, frozen units, seats). No clock, no database, no
 * Math.random — so `npm run lottery:verify` recomputes it from what was published
 * (docs/decisions/0015-lottery.md).
 *
 * Order: each unit's ticket is SHA-256(seed ‖ unit id); units are ranked by tier (0 first),
 * then ticket. A ticket does not depend on the other units or on the list's order.
 * Allocation: in that order each unit takes the first of its ranked sessions where the whole
 * unit fits (total seats and each quota category), else it is waitlisted on its first choice
 * (the first still running) with the next number of that session's waitlist. A unit is one person or a household that is
 * placed together or not at all.
 */

/** One ticket in the draw: a person, or siblings applying together. */
export type DrawUnit = {
  id: string
  /** the entry it came from (a household split into single units keeps one entry) */
  entryId: string
  attendees: { key: string; category: string | null }[]
  /** session ids, first choice first */
  choices: string[]
  /** 0 = drawn first, 1 = everyone else, 2 = drawn last */
  tier: number
}

/** What a session has to give at the draw: free seats, and free seats per quota category (when it has quotas). */
export type DrawSession = { id: string; free: number; quotas: Record<string, number> | null }

export type UnitResult =
  | { id: string; order: number; outcome: 'placed'; sessionId: string; choice: number }
  | { id: string; order: number; outcome: 'waitlisted'; sessionId: string; waitlistNo: number }
  /** none of the unit's sessions still runs (all were cancelled before the draw) */
  | { id: string; order: number; outcome: 'unplaced' }

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

export const ticket = (seed: string, unitId: string) => sha256(`${seed}\n${unitId}`)

/** The draw order: tier, then ticket (then id, should two tickets ever collide). */
export function drawOrder(seed: string, units: DrawUnit[]) {
  return units
    .map((unit) => ({ unit, ticket: ticket(seed, unit.id) }))
    .sort((a, b) => a.unit.tier - b.unit.tier || compare(a.ticket, b.ticket) || compare(a.unit.id, b.unit.id))
    .map((x) => x.unit)
}

export function draw(seed: string, units: DrawUnit[], sessions: DrawSession[]): UnitResult[] {
  const left = new Map(sessions.map((s) => [s.id, { free: s.free, quotas: s.quotas ? { ...s.quotas } : null }]))
  const waitlistLength = new Map<string, number>()
  return drawOrder(seed, units).map((unit, index): UnitResult => {
    const order = index + 1
    const need = categoryCounts(unit)
    for (const [choice, sessionId] of unit.choices.entries()) {
      const seats = left.get(sessionId)
      if (!seats || !fits(seats, unit.attendees.length, need)) continue
      seats.free -= unit.attendees.length
      if (seats.quotas) for (const [category, n] of need) seats.quotas[category] -= n
      return { id: unit.id, order, outcome: 'placed', sessionId, choice: choice + 1 }
    }
    const sessionId = unit.choices.find((id) => left.has(id))
    if (!sessionId) return { id: unit.id, order, outcome: 'unplaced' }
    const waitlistNo = (waitlistLength.get(sessionId) ?? 0) + 1
    waitlistLength.set(sessionId, waitlistNo)
    return { id: unit.id, order, outcome: 'waitlisted', sessionId, waitlistNo }
  })
}

function categoryCounts(unit: DrawUnit) {
  const counts = new Map<string, number>()
  for (const a of unit.attendees) counts.set(a.category ?? '', (counts.get(a.category ?? '') ?? 0) + 1)
  return counts
}

function fits(seats: { free: number; quotas: Record<string, number> | null }, size: number, need: Map<string, number>) {
  if (seats.free < size) return false
  if (!seats.quotas) return true
  for (const [category, n] of need) if ((seats.quotas[category] ?? 0) < n) return false
  return true
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * The one text that is hashed and published: units sorted by id, keys in a fixed order, so
 * the same entries always give the same bytes whatever order they were read in.
 */
export function canonicalUnits(units: DrawUnit[]) {
  const sorted = [...units].sort((a, b) => compare(a.id, b.id))
  return JSON.stringify(
    sorted.map((u) => ({
      id: u.id,
      entryId: u.entryId,
      attendees: [...u.attendees].sort((a, b) => compare(a.key, b.key)).map((a) => ({ key: a.key, category: a.category })),
      choices: u.choices,
      tier: u.tier,
    })),
  )
}

export function canonicalSessions(sessions: DrawSession[]) {
  return JSON.stringify(
    [...sessions]
      .sort((a, b) => compare(a.id, b.id))
      .map((s) => ({
        id: s.id,
        free: s.free,
        quotas: s.quotas ? Object.fromEntries(Object.entries(s.quotas).sort(([a], [b]) => compare(a, b))) : null,
      })),
  )
}

export const canonicalResult = (result: UnitResult[]) => JSON.stringify(result)

/** How many units a result placed, waitlisted, and could not place anywhere. */
export function countOutcomes(result: UnitResult[]) {
  const count = (outcome: UnitResult['outcome']) => result.filter((r) => r.outcome === outcome).length
  return { placed: count('placed'), waitlisted: count('waitlisted'), unplaced: count('unplaced') }
}

/** The frozen list as read back from the database: checked, never trusted. */
export const frozenUnitsSchema = z.array(
  z.object({
    id: z.string(),
    entryId: z.string(),
    attendees: z.array(z.object({ key: z.string().regex(/^[uc]:/), category: z.string().nullable() })).min(1),
    choices: z.array(z.string()).min(1),
    tier: z.number().int().min(0).max(2),
  }),
)
export const drawSessionsSchema = z.array(
  z.object({ id: z.string(), free: z.number().int().min(0), quotas: z.record(z.number().int()).nullable() }),
)
