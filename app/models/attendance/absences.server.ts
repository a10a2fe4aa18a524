import { meetingDays, meetingTimes } from '~/models/programme/recurrence'
import { sessionWhenSelect } from '~/models/programme/selects'
import { write } from '~/utils/db.server'
import { insertDaysOnce } from './register.server'

/** How far back the absence job looks: a job down for a week still marks what it missed. */
export const ABSENCE_LOOKBACK_DAYS = 14

/**
 * After each meeting day's end, a confirmed attendee with no record that day is absent. A job
 * (app/models/jobs), idempotent: the insert does nothing where a record exists, so two
 * instances running it at once, or the same one twice, mark each day once.
 */
export function markAbsences(now = new Date()) {
  const since = new Date(now.getTime() - ABSENCE_LOOKBACK_DAYS * 24 * 60 * 60 * 1000)
  return write(async (tx) => {
    const sessions = await tx.session.findMany({
      where: {
        status: 'scheduled',
        startsAt: { lte: now },
        OR: [{ repeatUntil: { gte: since } }, { repeatUntil: null, endsAt: { gte: since } }],
      },
      select: { id: true, ...sessionWhenSelect, bookings: { where: { status: 'confirmed' }, select: { id: true, createdAt: true } } },
    })
    const due = sessions.flatMap((session) =>
      meetingDays(session)
        .filter((day) => {
          const { endsAt } = meetingTimes(session, day)
          return endsAt <= now && endsAt >= since
        })
        // a place booked after the day ended was never expected that day
        .flatMap((day) =>
          session.bookings.filter((b) => b.createdAt <= meetingTimes(session, day).endsAt).map((b) => ({ bookingId: b.id, day })),
        ),
    )
    if (due.length === 0) return { marked: 0 }
    const recorded = await tx.attendance.findMany({
      where: { bookingId: { in: [...new Set(due.map((d) => d.bookingId))] }, day: { in: [...new Set(due.map((d) => d.day))] } },
      select: { bookingId: true, day: true },
    })
    const seen = new Set(recorded.map((r) => `${r.bookingId} ${r.day}`))
    const made = await insertDaysOnce(
      tx,
      due
        .filter(({ bookingId, day }) => !seen.has(`${bookingId} ${day}`))
        .map(({ bookingId, day }) => ({ bookingId, day, status: 'absent', at: now })),
    )
    return { marked: made.size }
  })
}
