import { describe, expect, test } from 'vitest'
import { parseEnv } from './env.server'

describe('environment', () => {
  test('nothing set: every default lets the app start', () => {
    expect(parseEnv({})).toMatchObject({ PORT: 3000, DATABASE_URL: 'file:./data/carnation.db', RUN_JOBS: 'true', SEED: 'true' })
  })
  test('bad values are refused with every problem named', () => {
    expect(() => parseEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x/y', SMTP_URL: 'not a url' })).toThrow(
      /PORT[\s\S]*DATABASE_URL[\s\S]*SMTP_URL/,
    )
  })
})
