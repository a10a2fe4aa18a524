import { attendeeIds, attendeeKeyOf } from '~/models/booking/constants'
import { priorityTiersOf } from '~/models/programme/constants'
import { db } from '~/utils/db.server'

const YEAR = 365 * 24 * 60 * 60 * 1000
const CHUNK = 500

/** Tier numbers of the draw (draw.ts): lower is drawn first. */
export const TIER = { first: 0, normal: 1, last: 2 } as const

/**
 * Each household's tier, decided once when the entries are frozen (so the frozen list, and
 * the draw, carry it):
 * - `new-first`: none of the household's attendees attended this kind of programme (a
 *   confirmed place in a session that started) in the 12 months before → drawn first;
 * - `no-show-last`: in those 12 months a place the applicant booked was absent on a meeting
 *   day without an absence reported in advance (an unexcused absence, app/models/attendance) →
 *   drawn last. A no-show outweighs being new.
 */
export async function householdTiers(
  programme: { id: string; kind: string; priorityTiers: string },
  entries: { id: string; applicantId: string; attendeeKeys: string[] }[],
  at: Date,
) {
  const rules = priorityTiersOf(programme)
  const tiers = new Map(entries.map((e) => [e.id, TIER.normal as number]))
  if (rules.length === 0) return tiers
  const since = new Date(at.getTime() - YEAR)
  const attended = new Set<string>()
  const noShow = new Set<string>()
  for (const chunk of chunks(entries)) {
    if (rules.includes('new-first')) {
      const { userIds, childIds } = attendeeIds(chunk.flatMap((e) => e.attendeeKeys))
      const past = await db.booking.findMany({
        where: {
          status: 'confirmed',
          OR: [{ attendeeUserId: { in: userIds } }, { childId: { in: childIds } }],
          session: { startsAt: { gte: since, lt: at }, programmeId: { not: programme.id }, programme: { kind: programme.kind } },
        },
        select: { attendeeUserId: true, childId: true },
      })
      for (const b of past) attended.add(attendeeKeyOf(b))
    }
    if (rules.includes('no-show-last')) {
      // a day missed without a word: recorded absent (the job's mark after the day), never
      // excused — an absence reported in advance is not a no-show
      const missed = await db.attendance.findMany({
        where: {
          status: 'absent',
          booking: { bookerId: { in: chunk.map((e) => e.applicantId) }, status: 'confirmed', session: { endsAt: { gte: since, lt: at } } },
        },
        select: { booking: { select: { bookerId: true } } },
      })
      for (const m of missed) noShow.add(m.booking.bookerId)
    }
  }
  for (const e of entries) {
    if (rules.includes('no-show-last') && noShow.has(e.applicantId)) tiers.set(e.id, TIER.last)
    else if (rules.includes('new-first') && !e.attendeeKeys.some((k) => attended.has(k))) tiers.set(e.id, TIER.first)
  }
  return tiers
}

function chunks<T>(items: T[]) {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK))
  return out
}
