import { describe, expect, test } from 'vitest'
import { shanghaiTime } from '~/utils/time'
import { meetingDayAt, meetingDays, meetingTimes } from './recurrence'

describe('a meeting day', () => {
  test('keeps the first meeting’s start time and length — one that runs past midnight ends the next day', () => {
    const late = { startsAt: shanghaiTime('2027-03-05', '22:30'), endsAt: shanghaiTime('2027-03-06', '00:30') }
    expect(meetingTimes(late, '2027-03-05')).toEqual(late)
    const term = {
      startsAt: shanghaiTime('2027-07-05', '08:30'),
      endsAt: shanghaiTime('2027-07-05', '17:00'),
      repeatDays: 'MO,TU,WE,TH,FR',
      repeatUntil: shanghaiTime('2027-07-09', '17:00'),
      excludedDates: null,
    }
    expect(meetingDays(term)).toEqual(['2027-07-05', '2027-07-06', '2027-07-07', '2027-07-08', '2027-07-09'])
    expect(meetingTimes(term, '2027-07-07')).toEqual({
      startsAt: shanghaiTime('2027-07-07', '08:30'),
      endsAt: shanghaiTime('2027-07-07', '17:00'),
    })
  })
})

describe('the meeting day of a record', () => {
  test('a meeting running past midnight keeps its own day until it ends; then it is today', () => {
    const late = {
      startsAt: shanghaiTime('2031-03-07', '22:00'),
      endsAt: shanghaiTime('2031-03-08', '00:30'),
      repeatDays: null,
      repeatUntil: null,
      excludedDates: null,
    }
    expect(meetingDayAt(late, shanghaiTime('2031-03-07', '23:00'))).toBe('2031-03-07')
    expect(meetingDayAt(late, shanghaiTime('2031-03-08', '00:10'))).toBe('2031-03-07')
    expect(meetingDayAt(late, shanghaiTime('2031-03-08', '00:40'))).toBe('2031-03-08')
  })
})
