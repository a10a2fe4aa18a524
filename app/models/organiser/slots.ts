import { shanghaiTime } from '~/utils/time'

export type SlotPlan = { days: string[]; from: string; until: string; slotMinutes: number }

const toMinutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5))
const toClock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`

/**
 * Back-to-back check-up slots: every day × [from, until) cut into slotMinutes pieces, in
 * Shanghai time. A last piece shorter than a slot is left out, so slots never overlap or spill.
 */
export function planSlots(plan: SlotPlan) {
  const slots: { startsAt: Date; endsAt: Date }[] = []
  const days = [...new Set(plan.days)].sort()
  for (const day of days) {
    for (let m = toMinutes(plan.from); m + plan.slotMinutes <= toMinutes(plan.until); m += plan.slotMinutes) {
      slots.push({ startsAt: shanghaiTime(day, toClock(m)), endsAt: shanghaiTime(day, toClock(m + plan.slotMinutes)) })
    }
  }
  return slots
}

export function splitDays(text: string | undefined) {
  return (text ?? '').split(/[\s,]+/).filter(Boolean)
}
