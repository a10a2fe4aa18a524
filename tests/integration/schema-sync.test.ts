import fs from 'node:fs'
import { describe, expect, test } from 'vitest'
import { migrationsFor } from '../../scripts/migrate.js'
import { POSTGRES_SCHEMA, postgresSchema, SQLITE_SCHEMA } from '../../scripts/db-schemas.js'

describe('one schema, two engines', () => {
  test('the PostgreSQL schema is the SQLite one with its provider changed (run npm run db:migration after a change)', () => {
    expect(fs.readFileSync(POSTGRES_SCHEMA, 'utf8')).toBe(postgresSchema(fs.readFileSync(SQLITE_SCHEMA, 'utf8')))
  })

  test('every migration exists for both engines, under the same name', () => {
    const names = (engine: 'sqlite' | 'postgresql') => migrationsFor(engine).map((m) => m.name)
    expect(names('postgresql')).toEqual(names('sqlite'))
    expect(names('sqlite').length).toBeGreaterThan(0)
  })
})
