import { ATTENDED } from '~/models/attendance/constants'
import { sessionWhenSelect } from '~/models/programme/selects'
import { db } from '~/utils/db.server'
import { suggestedDisplayName } from './constants'
import { matchesForBooking, myRoundBooking, openEntry } from './entry.server'

/**
 * A participant's social page: their badge number, what they agreed to share, the round's
 * state, their own choices while it is open, and their mutual matches once it has closed.
 * Null when the booking is not theirs, or not of a social with a round.
 */
export async function participantView(userId: string, bookingId: string) {
  const booking = await db.booking.findFirst({
    where: myRoundBooking(userId, bookingId),
    select: {
      id: true,
      status: true,
      badgeNo: true,
      booker: { select: { name: true, phone: true } },
      session: {
        select: {
          ...sessionWhenSelect,
          placeZh: true,
          placeEn: true,
          programme: { select: { titleZh: true, titleEn: true, mutualChoiceMax: true } },
          choiceRound: { select: { status: true, closedAt: true, purgedAt: true } },
        },
      },
      attendance: { where: { status: { in: [...ATTENDED] } }, select: { id: true }, take: 1 },
      choiceEntry: { select: { sealed: true } },
    },
  })
  if (!booking) return null
  const entry = booking.choiceEntry ? openEntry(booking.choiceEntry.sealed) : null
  const round = booking.session.choiceRound
  return {
    booking: { id: booking.id, status: booking.status, badgeNo: booking.badgeNo },
    session: booking.session,
    max: booking.session.programme.mutualChoiceMax,
    round: round ? { status: round.status, closedAt: round.closedAt, purged: round.purgedAt !== null } : null,
    arrived: booking.attendance.length > 0,
    phone: booking.booker.phone,
    suggestedName: suggestedDisplayName(booking.booker.name),
    entry,
    matches: round?.status === 'closed' ? await matchesForBooking(booking.id) : null,
  }
}
