import { describe, expect, test } from 'vitest'
import { shanghaiTime } from '~/utils/time'
import { alarmSecondsBefore, dueReminders, ruleKey, rulesOf, type ReminderRule } from './rules'

// A fixed calendar for a pure function: a weekday camp term starting Monday 2031-07-07, 08:30–17:00.
const term = {
  startsAt: shanghaiTime('2031-07-07', '08:30'),
  endsAt: shanghaiTime('2031-07-07', '17:00'),
  repeatDays: 'MO,TU,WE,TH,FR',
  repeatUntil: shanghaiTime('2031-07-18', '17:00'),
  excludedDates: null,
}
const evening = (meetings: ReminderRule['meetings']): ReminderRule => ({ type: 'days', days: 1, at: '18:00', meetings })
const days = (rules: ReminderRule[], at: Date) => dueReminders(term, rules, at).map((d) => `${d.day} ${d.rule}`)

describe('reminder rules', () => {
  test('the evening before: due from 18:00 the day before, for the first meeting, every meeting, or the first and each Monday', () => {
    expect(days([evening('first')], shanghaiTime('2031-07-06', '17:59'))).toEqual([])
    expect(days([evening('first')], shanghaiTime('2031-07-06', '18:00'))).toEqual(['2031-07-07 d1@18:00/first'])
    // every meeting: the next day's reminder is due the evening before it
    expect(days([evening('every')], shanghaiTime('2031-07-08', '18:00'))).toEqual(['2031-07-09 d1@18:00/every'])
    // the first and each Monday: Tuesday–Friday are not reminded of, the second Monday is
    expect(days([evening('first-and-mondays')], shanghaiTime('2031-07-08', '18:00'))).toEqual([])
    expect(days([evening('first-and-mondays')], shanghaiTime('2031-07-13', '18:00'))).toEqual(['2031-07-14 d1@18:00/first-and-mondays'])
  })

  test('hours before counts back from the start; a late reminder goes until 30 minutes before the meeting, never after', () => {
    const twoHours: ReminderRule = { type: 'hours', hours: 2, meetings: 'first' }
    expect(days([twoHours], shanghaiTime('2031-07-07', '06:29'))).toEqual([])
    expect(days([twoHours], shanghaiTime('2031-07-07', '06:30'))).toEqual(['2031-07-07 h2/first'])
    // the job was down at 18:00 the day before: still sent at 07:59, not at 08:00 (30 minutes before), nor once it began
    expect(days([evening('first')], shanghaiTime('2031-07-07', '07:59'))).toEqual(['2031-07-07 d1@18:00/first'])
    expect(days([evening('first')], shanghaiTime('2031-07-07', '08:00'))).toEqual([])
    expect(days([evening('first')], shanghaiTime('2031-07-07', '09:00'))).toEqual([])
  })

  test('defaults per kind: the evening before the first day for camps, socials and check-ups; before each class for courses', () => {
    expect(rulesOf({ kind: 'camp', reminderRules: null }).map(ruleKey)).toEqual(['d1@18:00/first'])
    expect(rulesOf({ kind: 'checkup', reminderRules: null }).map(ruleKey)).toEqual(['d1@18:00/first'])
    expect(rulesOf({ kind: 'social', reminderRules: null }).map(ruleKey)).toEqual(['d1@18:00/first'])
    expect(rulesOf({ kind: 'training', reminderRules: null }).map(ruleKey)).toEqual(['d1@18:00/every'])
    // the organiser's own, none, or a value nobody can read (none, never a crash)
    expect(rulesOf({ kind: 'camp', reminderRules: '[{"type":"hours","hours":3,"meetings":"every"}]' }).map(ruleKey)).toEqual(['h3/every'])
    expect(rulesOf({ kind: 'camp', reminderRules: '[]' })).toEqual([])
    expect(rulesOf({ kind: 'camp', reminderRules: '{oops' })).toEqual([])
    expect(rulesOf({ kind: 'camp', reminderRules: '[{"type":"hours","hours":-1,"meetings":"every"}]' })).toEqual([])
  })

  test("the calendar alarm is the first rule's lead before the first meeting", () => {
    // 18:00 the evening before an 08:30 start: 14 h 30 min
    expect(alarmSecondsBefore([evening('first')], term.startsAt, '2031-07-07')).toBe(14.5 * 3600)
    expect(alarmSecondsBefore([{ type: 'hours', hours: 2, meetings: 'first' }], term.startsAt, '2031-07-07')).toBe(7200)
    expect(alarmSecondsBefore([], term.startsAt, '2031-07-07')).toBeNull()
  })
})
