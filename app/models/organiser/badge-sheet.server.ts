import { db } from '~/utils/db.server'

/** A social's badges to print: each confirmed participant's number and name, in number order. */
export async function badgeSheet(sessionId: string) {
  const rows = await db.booking.findMany({
    where: { sessionId, status: 'confirmed', badgeNo: { not: null } },
    orderBy: { badgeNo: 'asc' },
    select: { badgeNo: true, attendeeUser: { select: { name: true } }, booker: { select: { name: true } } },
  })
  return rows.map((r) => ({ badgeNo: r.badgeNo!, name: r.attendeeUser?.name ?? r.booker.name }))
}
