import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { canonicalUnits, draw, drawOrder, type DrawSession, type DrawUnit, type UnitResult } from './draw'

// Property-based: over random entries, households, quotas, tiers and seeds the draw never
// goes past a session's seats or a quota, never splits a household, gives every unit one
// result, honours tiers and preferences, and is a function of its inputs alone.

const CATEGORIES = ['female', 'male'] as const

const sessionsArb = fc.uniqueArray(
  fc.record({
    id: fc.constantFrom('s1', 's2', 's3', 's4'),
    free: fc.integer({ min: 0, max: 12 }),
    quotas: fc.option(fc.record({ female: fc.integer({ min: 0, max: 8 }), male: fc.integer({ min: 0, max: 8 }) }), { nil: null }),
  }),
  { minLength: 1, maxLength: 4, selector: (s) => s.id },
)

const unitsArb = (sessionIds: string[]) =>
  fc.uniqueArray(
    fc.record({
      id: fc.integer({ min: 0, max: 10_000 }).map((n) => `e${n}`),
      size: fc.integer({ min: 1, max: 3 }),
      categories: fc.array(fc.constantFrom(...CATEGORIES), { minLength: 3, maxLength: 3 }),
      // a choice may name a session that is no longer running ('gone')
      choices: fc.uniqueArray(fc.constantFrom(...sessionIds, 'gone'), { minLength: 1, maxLength: 3 }),
      tier: fc.integer({ min: 0, max: 2 }),
    }),
    { maxLength: 40, selector: (u) => u.id },
  )

const inputsArb = sessionsArb.chain((sessions) =>
  fc.record({
    sessions: fc.constant(sessions as DrawSession[]),
    units: unitsArb(sessions.map((s) => s.id)).map((raw) =>
      raw.map((u): DrawUnit => ({
        id: u.id,
        entryId: u.id,
        attendees: Array.from({ length: u.size }, (_, i) => ({ key: `c:${u.id}-${i}`, category: u.categories[i] })),
        choices: u.choices,
        tier: u.tier,
      })),
    ),
    seed: fc.array(fc.integer({ min: 0, max: 15 }), { minLength: 64, maxLength: 64 }).map((d) => d.map((x) => x.toString(16)).join('')),
  }),
)

function seatsUsed(result: UnitResult[], units: DrawUnit[]) {
  const byId = new Map(units.map((u) => [u.id, u]))
  const used = new Map<string, { total: number; female: number; male: number }>()
  for (const r of result) {
    if (r.outcome !== 'placed') continue
    const entry = used.get(r.sessionId) ?? { total: 0, female: 0, male: 0 }
    for (const a of byId.get(r.id)!.attendees) {
      entry.total += 1
      entry[a.category as 'female' | 'male'] += 1
    }
    used.set(r.sessionId, entry)
  }
  return used
}

describe('the lottery draw (property-based)', () => {
  test('capacity and every quota hold exactly; nobody is placed in a session that is gone', () => {
    fc.assert(
      fc.property(inputsArb, ({ sessions, units, seed }) => {
        const result = draw(seed, units, sessions)
        for (const [sessionId, used] of seatsUsed(result, units)) {
          const session = sessions.find((s) => s.id === sessionId)
          expect(session).toBeDefined()
          expect(used.total).toBeLessThanOrEqual(session!.free)
          if (session!.quotas) {
            expect(used.female).toBeLessThanOrEqual(session!.quotas.female)
            expect(used.male).toBeLessThanOrEqual(session!.quotas.male)
          }
        }
      }),
      { numRuns: 500 },
    )
  })

  test('every unit gets exactly one result, a household is one result (never split), placed only where it chose', () => {
    fc.assert(
      fc.property(inputsArb, ({ sessions, units, seed }) => {
        const result = draw(seed, units, sessions)
        expect(result.map((r) => r.id).sort()).toEqual(units.map((u) => u.id).sort())
        for (const r of result) {
          const unit = units.find((u) => u.id === r.id)!
          if (r.outcome === 'placed') expect(unit.choices[r.choice - 1]).toBe(r.sessionId)
          if (r.outcome === 'waitlisted') expect(r.sessionId).toBe(unit.choices.find((c) => sessions.some((s) => s.id === c)))
          if (r.outcome === 'unplaced') expect(unit.choices.every((c) => !sessions.some((s) => s.id === c))).toBe(true)
        }
      }),
      { numRuns: 500 },
    )
  })

  test('the same inputs give the same result, whatever order the entries come in', () => {
    fc.assert(
      fc.property(inputsArb, fc.integer(), ({ sessions, units, seed }, shuffleSeed) => {
        const shuffled = [...units].sort((a, b) => ((a.id.charCodeAt(0) * shuffleSeed) % 7) - ((b.id.charCodeAt(0) * shuffleSeed) % 7))
        expect(draw(seed, shuffled, [...sessions].reverse())).toEqual(draw(seed, units, sessions))
        expect(canonicalUnits(shuffled)).toBe(canonicalUnits(units))
      }),
      { numRuns: 300 },
    )
  })

  test('a lower tier is always drawn before a higher one; waitlist numbers run 1, 2, 3… per session in draw order', () => {
    fc.assert(
      fc.property(inputsArb, ({ sessions, units, seed }) => {
        const order = drawOrder(seed, units)
        for (let i = 1; i < order.length; i++) expect(order[i - 1].tier).toBeLessThanOrEqual(order[i].tier)
        const result = draw(seed, units, sessions)
        expect(result.map((r) => r.order)).toEqual(result.map((_, i) => i + 1))
        const numbers = new Map<string, number[]>()
        for (const r of result)
          if (r.outcome === 'waitlisted') numbers.set(r.sessionId, [...(numbers.get(r.sessionId) ?? []), r.waitlistNo])
        for (const list of numbers.values()) expect(list).toEqual(list.map((_, i) => i + 1))
      }),
      { numRuns: 300 },
    )
  })

  test('a unit is waitlisted only when none of its choices had room for all of it when its turn came', () => {
    fc.assert(
      fc.property(inputsArb, ({ sessions, units, seed }) => {
        const result = draw(seed, units, sessions)
        // replay: the seats left just before each unit's turn
        const left = new Map(sessions.map((s) => [s.id, { free: s.free, quotas: s.quotas ? { ...s.quotas } : null }]))
        for (const r of result) {
          const unit = units.find((u) => u.id === r.id)!
          const fitsIn = (id: string) => {
            const seats = left.get(id)
            if (!seats || seats.free < unit.attendees.length) return false
            if (!seats.quotas) return true
            return CATEGORIES.every((c) => unit.attendees.filter((a) => a.category === c).length <= seats.quotas![c])
          }
          if (r.outcome === 'placed') {
            expect(unit.choices.slice(0, r.choice - 1).some(fitsIn)).toBe(false)
            const seats = left.get(r.sessionId)!
            seats.free -= unit.attendees.length
            if (seats.quotas) for (const a of unit.attendees) seats.quotas[a.category as 'female' | 'male'] -= 1
          } else {
            expect(unit.choices.some(fitsIn)).toBe(false)
          }
        }
      }),
      { numRuns: 300 },
    )
  })

  test('a different seed gives a different order (the draw is not a fixed ranking)', () => {
    const units: DrawUnit[] = Array.from({ length: 30 }, (_, i) => ({
      id: `u${i}`,
      entryId: `u${i}`,
      attendees: [{ key: `c:${i}`, category: null }],
      choices: ['s1'],
      tier: 1,
    }))
    const a = drawOrder('a'.repeat(64), units).map((u) => u.id)
    const b = drawOrder('b'.repeat(64), units).map((u) => u.id)
    expect(a).not.toEqual(b)
  })
})
