import { parseWithZod } from '@conform-to/zod'
import { expect, test } from 'vitest'
import { z } from 'zod'
import { parseForm } from './parse-form'

// parseForm is conform's parser with the schema's coercion made once: it must read every form
// exactly as parseWithZod would, the first time and every time after.
const schema = z.object({
  name: z.string().max(5),
  seats: z.number().int().min(1),
  public: z.boolean().optional(),
  note: z.string().optional(),
  on: z.date(),
  ids: z.array(z.string()).optional(),
})

const forms: [string, string][][] = [
  [
    ['name', 'Ann'],
    ['seats', '3'],
    ['public', 'on'],
    ['note', ''],
    ['on', '2026-07-01'],
    ['ids', 'a'],
    ['ids', 'b'],
  ],
  [
    ['name', 'Annabel'],
    ['seats', 'x'],
    ['on', 'not a date'],
  ],
  [
    ['name', ''],
    ['seats', ''],
    ['on', ''],
  ],
  [],
]

test('parseForm reads each form as parseWithZod does, on first and later calls', () => {
  for (const entries of forms) {
    const form = () => {
      const data = new FormData()
      for (const [k, v] of entries) data.append(k, v)
      return data
    }
    const expected = parseWithZod(form(), { schema })
    for (let i = 0; i < 2; i++) {
      const got = parseForm(form(), schema)
      expect(got.status).toBe(expected.status)
      expect(got.reply()).toEqual(expected.reply())
      if (expected.status === 'success' && got.status === 'success') expect(got.value).toEqual(expected.value)
    }
  }
})
