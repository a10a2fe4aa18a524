import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  canonicalJson,
  draw,
  drawOrder,
  drawSeed,
  normalisePublicValue,
  sortCategories,
  type DrawSession,
  type DrawUnit,
  type UnitResult,
} from './draw'

// Property-based: over random entries, households, quotas, tiers and seeds the draw never
// goes past a session's seats or a quota, never splits a household, gives every unit one
// result, honours tiers and preferences, and is a function of its inputs alone.

const CATEGORIES = ['female', 'male'] as const

const sessionsArb = fc.uniqueArray(
  fc.record({
    no: fc.constantFrom(1, 2, 3, 4),
    seats: fc.integer({ min: 0, max: 12 }),
    quotas: fc.option(fc.record({ female: fc.integer({ min: 0, max: 8 }), male: fc.integer({ min: 0, max: 8 }) }), { nil: null }),
  }),
  { minLength: 1, maxLength: 4, selector: (s) => s.no },
)

const unitsArb = (sessionNos: number[]) =>
  fc.uniqueArray(
    fc.record({
      id: fc.integer({ min: 0, max: 10_000 }).map((n) => `e${n}`),
      size: fc.integer({ min: 1, max: 3 }),
      categories: fc.array(fc.constantFrom(...CATEGORIES), { minLength: 3, maxLength: 3 }),
      // a choice may name a session withdrawn before the draw (99)
      choices: fc.uniqueArray(fc.constantFrom(...sessionNos, 99), { minLength: 1, maxLength: 3 }),
      tier: fc.integer({ min: 0, max: 2 }),
    }),
    { maxLength: 40, selector: (u) => u.id },
  )

const inputsArb = sessionsArb.chain((sessions) =>
  fc.record({
    sessions: fc.constant(sessions as DrawSession[]),
    units: unitsArb(sessions.map((s) => s.no)).map((raw) =>
      raw.map((u): DrawUnit => ({
        id: u.id,
        size: u.size,
        categories: sortCategories(u.categories.slice(0, u.size)),
        choices: u.choices,
        tier: u.tier,
      })),
    ),
    seed: fc.array(fc.integer({ min: 0, max: 15 }), { minLength: 64, maxLength: 64 }).map((d) => d.map((x) => x.toString(16)).join('')),
  }),
)

function seatsUsed(result: UnitResult[], units: DrawUnit[]) {
  const byId = new Map(units.map((u) => [u.id, u]))
  const used = new Map<number, { total: number; female: number; male: number }>()
  for (const r of result) {
    if (r.outcome !== 'placed') continue
    const entry = used.get(r.session) ?? { total: 0, female: 0, male: 0 }
    for (const category of byId.get(r.id)!.categories) {
      entry.total += 1
      entry[category as 'female' | 'male'] += 1
    }
    used.set(r.session, entry)
  }
  return used
}

describe('the lottery draw (property-based)', () => {
  test('capacity and every quota hold exactly; nobody is placed in a session that is gone', () => {
    fc.assert(
      fc.property(inputsArb, ({ sessions, units, seed }) => {
        const result = draw(seed, units, sessions)
        for (const [no, used] of seatsUsed(result, units)) {
          const session = sessions.find((s) => s.no === no)
          expect(session).toBeDefined()
          expect(used.total).toBeLessThanOrEqual(session!.seats)
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
          if (r.outcome === 'placed') expect(unit.choices[r.choice - 1]).toBe(r.session)
          if (r.outcome === 'waitlisted') expect(r.session).toBe(unit.choices.find((c) => sessions.some((s) => s.no === c)))
          if (r.outcome === 'unplaced') expect(unit.choices.every((c) => !sessions.some((s) => s.no === c))).toBe(true)
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
        const sorted = (list: DrawUnit[]) => canonicalJson([...list].sort((a, b) => (a.id < b.id ? -1 : 1)))
        expect(sorted(shuffled)).toBe(sorted(units))
      }),
      { numRuns: 300 },
    )
  })

  test('a lower tier is always drawn before a higher one; waitlist numbers run 1, 2, 3… per session in draw order', () => {
    fc.assert(
      fc.property(inputsArb, ({ sessions, units, seed }) => {
        const order = drawOrder(seed, units)
        for (let i = 1; i < order.length; i++) expect(order[i - 1].unit.tier).toBeLessThanOrEqual(order[i].unit.tier)
        const result = draw(seed, units, sessions)
        expect(result.map((r) => r.order)).toEqual(result.map((_, i) => i + 1))
        const numbers = new Map<number, number[]>()
        for (const r of result) if (r.outcome === 'waitlisted') numbers.set(r.session, [...(numbers.get(r.session) ?? []), r.waitlistNo])
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
        const left = new Map(sessions.map((s) => [s.no, { free: s.seats, quotas: s.quotas ? { ...s.quotas } : null }]))
        for (const r of result) {
          const unit = units.find((u) => u.id === r.id)!
          const fitsIn = (no: number) => {
            const seats = left.get(no)
            if (!seats || seats.free < unit.size) return false
            if (!seats.quotas) return true
            return CATEGORIES.every((c) => unit.categories.filter((a) => a === c).length <= seats.quotas![c])
          }
          if (r.outcome === 'placed') {
            expect(unit.choices.slice(0, r.choice - 1).some(fitsIn)).toBe(false)
            const seats = left.get(r.session)!
            seats.free -= unit.size
            if (seats.quotas) for (const category of unit.categories) seats.quotas[category as 'female' | 'male'] -= 1
          } else {
            expect(unit.choices.some(fitsIn)).toBe(false)
          }
        }
      }),
      { numRuns: 300 },
    )
  })

  test('a different seed gives a different order (the draw is not a fixed ranking)', () => {
    const units: DrawUnit[] = Array.from({ length: 30 }, (_, i) => ({ id: `u${i}`, size: 1, categories: [null], choices: [1], tier: 1 }))
    const a = drawOrder('a'.repeat(64), units).map((x) => x.unit.id)
    const b = drawOrder('b'.repeat(64), units).map((x) => x.unit.id)
    expect(a).not.toEqual(b)
  })
})

describe('the seed and the published bytes', () => {
  test('the seed mixes the public value in: another value, another seed and another order', () => {
    const serverSeed = 'c'.repeat(64)
    const units: DrawUnit[] = Array.from({ length: 30 }, (_, i) => ({
      id: String(i).padStart(4, '0'),
      size: 1,
      categories: [null],
      choices: [1],
      tier: 1,
    }))
    const one = drawSeed(serverSeed, '03 07 12 19 25 31 09')
    const other = drawSeed(serverSeed, '03 07 12 19 25 31 10')
    expect(one).toMatch(/^[0-9a-f]{64}$/)
    expect(one).not.toBe(other)
    expect(drawOrder(one, units).map((x) => x.unit.id)).not.toEqual(drawOrder(other, units).map((x) => x.unit.id))
    // and the same value always gives the same seed
    expect(drawSeed(serverSeed, '03 07 12 19 25 31 09')).toBe(one)
  })

  test('a public value is published in one spelling: full-width digits, commas and spaces normalised', () => {
    expect(normalisePublicValue(' ０３，07  12、19\t25 ')).toBe('03 07 12 19 25')
    expect(normalisePublicValue('2027-07-01 第2027074期 03 07')).toBe('2027-07-01 第2027074期 03 07')
  })

  test('canonical JSON: keys sorted at every depth, arrays kept in order, no spaces', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: null }, e: '康乃馨' })).toBe('{"a":{"c":null,"d":[3,1]},"b":1,"e":"康乃馨"}')
    expect(sortCategories(['male', null, 'female'])).toEqual(['female', 'male', null])
  })
})
