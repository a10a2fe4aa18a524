import { FORGOTTEN_MAIL } from '~/models/outbox/outbox.server'
import { seriesEnd } from '~/models/programme/recurrence'
import { writeAudit } from '~/models/audit/audit.server'
import { ACTIVE_STATUSES, isActiveStatus } from '~/models/booking/constants'
import { newCalendarToken } from '~/models/user/calendar-token.server'
import { db, write } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { ERASED_NAME } from './erase.server'

const DAY = 24 * 60 * 60 * 1000
// the one account old bookings are handed to when they are anonymised: no name, no address,
// no way in; it exists so a booking keeps its booker and its counts
const ANONYMOUS_EMAIL = 'anonymised@invalid'

/**
 * Retention (docs/privacy.md), run by the job runner, safe to run anywhere any number of times:
 * - a child's health notes are purged once the child has no active booking and the last
 *   session they were booked on ended more than RETAIN_NOTES_DAYS ago (the notes' purpose is
 *   over; rosters already stopped showing them then — roster.server.ts);
 * - ended bookings of sessions that ended more than RETAIN_BOOKINGS_DAYS ago are anonymised:
 *   handed to one anonymous account, child unlinked; status, check-in and quota stay, so
 *   attendance statistics still add up;
 * - sent mail older than that no longer says to whom it went.
 */
export async function applyRetention(now = new Date(), env = getEnv()) {
  const notesBefore = new Date(now.getTime() - env.RETAIN_NOTES_DAYS * DAY)
  const bookingsBefore = new Date(now.getTime() - env.RETAIN_BOOKINGS_DAYS * DAY)

  const withNotes = await db.child.findMany({
    where: { OR: [{ notes: { not: null } }, { pickups: { some: {} } }] },
    select: {
      id: true,
      bookings: { select: { status: true, session: { select: { endsAt: true, repeatUntil: true } } } },
    },
  })
  const purge = withNotes
    .filter((c) => c.bookings.length > 0)
    .filter((c) => c.bookings.every((b) => !isActiveStatus(b.status) && seriesEnd(b.session) < notesBefore))
    .map((c) => c.id)

  const oldBookings = await db.booking.findMany({
    where: {
      status: { notIn: [...ACTIVE_STATUSES] },
      booker: { email: { not: ANONYMOUS_EMAIL } },
      session: { endsAt: { lt: bookingsBefore }, OR: [{ repeatUntil: null }, { repeatUntil: { lt: bookingsBefore } }] },
    },
    take: 1000,
    select: { id: true },
  })

  return write(async (tx) => {
    if (purge.length) {
      await tx.child.updateMany({ where: { id: { in: purge } }, data: { notes: null } })
      // the pick-up list is the child's data too: kept no longer than the notes
      await tx.pickupPerson.deleteMany({ where: { childId: { in: purge } } })
      await writeAudit(tx, { action: 'privacy.notes-purged', entity: 'Child', entityId: '*', data: { children: purge.length } })
    }
    if (oldBookings.length) {
      const anonymous =
        (await tx.user.findUnique({ where: { email: ANONYMOUS_EMAIL }, select: { id: true } })) ??
        (await tx.user.create({
          data: { email: ANONYMOUS_EMAIL, name: ERASED_NAME, passwordHash: '!', calendarToken: newCalendarToken(), erasedAt: now },
          select: { id: true },
        }))
      const ids = oldBookings.map((b) => b.id)
      // a booking names exactly one attendee: the anonymous account stands in for both kinds
      await tx.booking.updateMany({
        where: { id: { in: ids } },
        data: { bookerId: anonymous.id, attendeeUserId: anonymous.id, childId: null, cancelReason: null },
      })
      await tx.outboxMessage.updateMany({ where: { bookingId: { in: ids } }, data: { bookingId: null } })
      // the days stay (attendance statistics add up); who collected and why someone was away go
      await tx.attendance.updateMany({
        where: { bookingId: { in: ids } },
        data: { collectedById: null, collectedByName: null, overrideReason: null, excuseReason: null },
      })
      await tx.doorRecord.updateMany({ where: { bookingId: { in: ids } }, data: { collectorName: null, reason: null } })
      // the answers to registration questions go with the booking's other details
      await tx.answer.deleteMany({ where: { bookingId: { in: ids } } })
      await writeAudit(tx, { action: 'privacy.bookings-anonymised', entity: 'Booking', entityId: '*', data: { bookings: ids.length } })
    }
    // a feedback comment is kept as long as bookings are; the rating stays for the average
    const comments = await tx.feedback.updateMany({
      where: { comment: { not: null }, answeredAt: { lt: bookingsBefore } },
      data: { comment: null },
    })
    // finished mail past the horizon, sent or failed, keeps no address and no content; an erased
    // account's finished mail keeps none at once (a safety net behind the worker)
    const mail = await tx.outboxMessage.updateMany({
      where: {
        status: { in: ['sent', 'failed'] },
        OR: [{ createdAt: { lt: bookingsBefore } }, { user: { erasedAt: { not: null } } }],
        NOT: { toEmail: '', payload: '{}' },
      },
      data: FORGOTTEN_MAIL,
    })
    return {
      notesPurged: purge.length,
      bookingsAnonymised: oldBookings.length,
      mailAnonymised: mail.count,
      commentsPurged: comments.count,
    }
  })
}
