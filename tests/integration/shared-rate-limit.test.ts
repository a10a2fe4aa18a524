import { describe, expect, test } from 'vitest'
import { createClient, db } from '~/utils/db.server'
import { createLimiter } from '~/utils/rate-limit.server'

describe('rate limits are shared by every app instance', () => {
  test('two instances (two database clients) taking turns and at once: 10 allowed in all, then refused on both', async () => {
    const other = createClient(process.env.DATABASE_URL!)
    try {
      const here = createLimiter('test', 10, 60)
      const there = createLimiter('test', 10, 60, () => other)
      const first = await Promise.all(Array.from({ length: 6 }, () => here.allow('someone')))
      const second = await Promise.all(Array.from({ length: 6 }, () => there.allow('someone')))
      expect([...first, ...second].filter(Boolean)).toHaveLength(10)
      expect(await here.allow('someone')).toBe(false)
      expect(await there.allow('someone')).toBe(false)
      expect(await there.allow('someone-else')).toBe(true)
      expect(await db.rateLimiterFlexible.count()).toBe(2)
    } finally {
      await other.$disconnect()
    }
  })
})
