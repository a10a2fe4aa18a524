import { describe, expect, test } from 'vitest'
import { ageOn, formatTime, shanghaiDay, shanghaiTime } from './time'

describe('time in Asia/Shanghai', () => {
  test('a UTC evening is the next day in Shanghai', () => {
    expect(shanghaiDay(new Date('2026-07-05T17:30:00Z'))).toBe('2026-07-06')
  })
  test('wall-clock times convert both ways', () => {
    const start = shanghaiTime('2026-07-06', '08:30')
    expect(start.toISOString()).toBe('2026-07-06T00:30:00.000Z')
    expect(formatTime(start, 'en')).toBe('08:30')
  })
  test('age counts whole years and turns on the birthday', () => {
    const born = shanghaiTime('2014-07-06')
    expect(ageOn(born, shanghaiTime('2026-07-05'))).toBe(11)
    expect(ageOn(born, shanghaiTime('2026-07-06'))).toBe(12)
  })
})
