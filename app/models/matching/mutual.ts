/**
 * Who matches whom in a mutual-choice round (互选): a pair is mutual when each of the two chose
 * the other; nothing else is ever derived from the choices. Pure, so it is checked over random
 * choices (mutual.test.ts).
 */

/** Each participant's chosen badge numbers, by their own badge number. */
export type Choices = Map<number, readonly number[]>

/** The mutual pairs, each once, the smaller badge first, in order. */
export function mutualPairs(choices: Choices): [number, number][] {
  const pairs: [number, number][] = []
  for (const [a, chosen] of choices) {
    for (const b of new Set(chosen)) {
      if (a < b && (choices.get(b) ?? []).includes(a)) pairs.push([a, b])
    }
  }
  return pairs.sort((x, y) => x[0] - y[0] || x[1] - y[1])
}

/** The badge numbers that matched `badge`: those it chose who also chose it. */
export function matchesOf(badge: number, choices: Choices): number[] {
  return [...new Set(choices.get(badge) ?? [])]
    .filter((other) => other !== badge && (choices.get(other) ?? []).includes(badge))
    .sort((a, b) => a - b)
}
