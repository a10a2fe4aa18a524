import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { matchesOf, mutualPairs, type Choices } from './mutual'

// Property-based: over random choices, a pair is shown if and only if each chose the other;
// a participant's matches are exactly the pairs they are in; nothing one-sided ever appears.

const choicesArb = fc
  .uniqueArray(fc.integer({ min: 1, max: 30 }), { minLength: 0, maxLength: 20 })
  .chain((badges) =>
    fc
      .tuple(...badges.map(() => fc.uniqueArray(fc.integer({ min: 1, max: 32 }), { maxLength: 4 })))
      .map((lists): Choices => new Map(badges.map((badge, i) => [badge, lists[i]] as const))),
  )

const chose = (choices: Choices, a: number, b: number) => (choices.get(a) ?? []).includes(b)

describe('mutual pairs (property-based)', () => {
  test('a pair is shown iff both chose each other', () => {
    fc.assert(
      fc.property(choicesArb, (choices) => {
        const pairs = new Set(mutualPairs(choices).map(([a, b]) => `${a}-${b}`))
        const badges = [...choices.keys()]
        for (const a of badges)
          for (const b of badges) {
            if (a >= b) continue
            expect(pairs.has(`${a}-${b}`)).toBe(chose(choices, a, b) && chose(choices, b, a))
          }
        for (const key of pairs) {
          const [a, b] = key.split('-').map(Number)
          expect(a).toBeLessThan(b)
        }
      }),
      { numRuns: 500 },
    )
  })

  test("a participant's matches are the pairs they are in — never someone who chose them alone, never themself", () => {
    fc.assert(
      fc.property(choicesArb, (choices) => {
        const pairs = mutualPairs(choices)
        for (const badge of choices.keys()) {
          const expected = pairs.flatMap(([a, b]) => (a === badge ? [b] : b === badge ? [a] : [])).sort((x, y) => x - y)
          expect(matchesOf(badge, choices)).toEqual(expected)
          for (const other of matchesOf(badge, choices)) {
            expect(other).not.toBe(badge)
            expect(chose(choices, other, badge) && chose(choices, badge, other)).toBe(true)
          }
        }
      }),
      { numRuns: 500 },
    )
  })

  test('choosing oneself or the same number twice changes nothing', () => {
    const choices: Choices = new Map([
      [1, [1, 2, 2]],
      [2, [1]],
      [3, [3, 1]],
    ])
    expect(mutualPairs(choices)).toEqual([[1, 2]])
    expect(matchesOf(3, choices)).toEqual([])
  })
})
