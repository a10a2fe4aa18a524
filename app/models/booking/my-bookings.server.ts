import { checkInQr } from './check-in-qr.server'
import { db } from '~/utils/db.server'
import { isActiveStatus } from './constants'
import { reader } from '~/utils/query.server'
import { waitlistPosition } from './booking-row.server'
import { sessionWhenWhereSelect } from '~/models/programme/selects'

const bookingSelect = {
  id: true,
  sessionId: true,
  status: true,
  waitlistSeq: true,
  offerExpiresAt: true,
  createdAt: true,
  cancelledAt: true,
  badgeNo: true,
  child: { select: { id: true, name: true } },
  attendeeUser: { select: { id: true, name: true } },
  session: {
    select: {
      ...sessionWhenWhereSelect,
      programme: {
        select: {
          slug: true,
          titleZh: true,
          titleEn: true,
          cancelDeadlineHours: true,
          kind: true,
          contactPhone: true,
          mutualChoice: true,
          // registration questions asked now: the booking's answers can be seen and changed
          _count: { select: { questions: { where: { removedAt: null } } } },
        },
      },
    },
  },
} as const

/** Adds each waitlist place's 1-based position (waitlistPosition's count: a member waits in a few lines at most). */
async function withPositions<B extends { sessionId: string; status: string; waitlistSeq: number | null }>(bookings: B[]) {
  return Promise.all(
    bookings.map(async (b) => ({
      ...b,
      position: b.status === 'waitlisted' ? await waitlistPosition(reader, b.sessionId, b.waitlistSeq ?? 0) : null,
    })),
  )
}

/** Everything a member has booked, for /me/bookings: one query, and a count for each place in line. */
export async function listMyBookings(userId: string, now = new Date()) {
  const bookings = await withPositions(
    await db.booking.findMany({
      where: { bookerId: userId },
      orderBy: [{ session: { startsAt: 'asc' } }, { createdAt: 'asc' }],
      select: bookingSelect,
    }),
  )
  const active = (b: (typeof bookings)[number]) => (b.session.repeatUntil ?? b.session.endsAt) > now
  const upcoming = await Promise.all(
    bookings.filter((b) => b.status === 'confirmed' && active(b)).map(async (b) => ({ ...b, qrSvg: await checkInQr(b.id) })),
  )
  return {
    offers: bookings.filter((b) => b.status === 'offered' && active(b)),
    upcoming,
    waitlisted: bookings.filter((b) => b.status === 'waitlisted' && active(b)),
    past: bookings.filter((b) => !active(b) || !isActiveStatus(b.status)),
  }
}

export type MyBooking = Awaited<ReturnType<typeof listMyBookings>>['past'][number] & { qrSvg?: string }

/** The signed-in member's active bookings on a programme's sessions (programme page). */
export async function myActiveBookingsFor(userId: string, sessionIds: string[]) {
  if (sessionIds.length === 0) return []
  // on every programme page a member opens: one statement on the query layer
  const rows = await reader
    .selectFrom('Booking as b')
    .leftJoin('Child as c', 'c.id', 'b.childId')
    .leftJoin('User as u', 'u.id', 'b.attendeeUserId')
    .select([
      'b.id',
      'b.sessionId',
      'b.status',
      'b.waitlistSeq',
      'b.offerExpiresAt',
      'c.id as childId',
      'c.name as childName',
      'u.name as attendeeName',
    ])
    .where('b.bookerId', '=', userId)
    .where('b.sessionId', 'in', sessionIds)
    .where('b.activeKey', 'is not', null)
    .execute()
  return withPositions(
    rows.map(({ childId, childName, attendeeName, ...b }) => ({
      ...b,
      child: childId ? { id: childId, name: childName ?? '' } : null,
      attendeeUser: attendeeName === null ? null : { name: attendeeName },
    })),
  )
}
