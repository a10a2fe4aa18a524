import { sessionWhenSelect } from '~/models/programme/selects'
import { seriesEnd } from '~/models/programme/recurrence'
import { enqueueMails } from '~/models/outbox/outbox.server'
import { db, isUniqueViolation, write, type Tx } from '~/utils/db.server'
import { dueReminders, MAX_LEAD_MS, rulesOf, TOO_LATE_BEFORE_MS, type DueReminder } from './rules'

/** How many reminders one transaction sends (each is a Reminder row and an outbox row). */
const CHUNK = 250
/** Feedback is asked within this long after a booking's last meeting; a job down longer asks no one (stale). */
export const FEEDBACK_WINDOW_MS = 3 * 24 * 60 * 60 * 1000

// the reminder and the feedback request go to a booker who has not switched them off, whose
// address is proved (held mail would arrive after the meeting) and who still exists
const reachableBooker = { remindersOff: false, erasedAt: null, emailVerifiedAt: { not: null } } as const
const bookerSelect = { id: true, email: true, locale: true } as const
const mailTo = (booking: { id: string; booker: { id: string; email: string; locale: string } }) => ({
  toEmail: booking.booker.email,
  userId: booking.booker.id,
  locale: booking.booker.locale,
  bookingId: booking.id,
})

/**
 * Write rows whose unique key makes them once-ever, with their mail, CHUNK at a time: a chunk
 * another instance wrote first fails on the key and rolls back (the next tick reads what is
 * there and writes the rest). How many were written.
 */
async function writeOnce<T>(items: T[], writeChunk: (tx: Tx, chunk: T[]) => Promise<void>) {
  let written = 0
  for (let i = 0; i < items.length; i += CHUNK) {
    const chunk = items.slice(i, i + CHUNK)
    try {
      await write((tx) => writeChunk(tx, chunk))
      written += chunk.length
    } catch (error) {
      if (!isUniqueViolation(error)) throw error
    }
  }
  return written
}

/**
 * The reminder job: every reminder due at `now`, each exactly once per booking, meeting and rule —
 * the Reminder row's unique key is the proof, written in the same transaction as its mail, so two
 * instances running the job at once send one. Work grows with what is due: one index-backed
 * query finds the sessions with a meeting in the next fortnight; bookings are read only for the
 * sessions that have a reminder due.
 */
export async function sendDueReminders(now = new Date()) {
  const horizon = new Date(now.getTime() + MAX_LEAD_MS)
  const soonest = new Date(now.getTime() + TOO_LATE_BEFORE_MS)
  const sessions = await db.session.findMany({
    where: {
      status: 'scheduled',
      // a single meeting ahead within the horizon, or a series still running whose first day is within it
      OR: [{ startsAt: { gt: soonest, lte: horizon } }, { repeatUntil: { gt: soonest }, startsAt: { lte: horizon } }],
    },
    select: { id: true, ...sessionWhenSelect, programme: { select: { kind: true, reminderRules: true, status: true } } },
  })
  const due = new Map<string, DueReminder[]>()
  for (const session of sessions) {
    if (session.programme.status !== 'published') continue
    const list = dueReminders(session, rulesOf(session.programme), now)
    if (list.length > 0) due.set(session.id, list)
  }
  if (due.size === 0) return { sent: 0 }

  const bookings = await db.booking.findMany({
    where: { sessionId: { in: [...due.keys()] }, status: 'confirmed', booker: reachableBooker },
    select: { id: true, sessionId: true, createdAt: true, booker: { select: bookerSelect } },
  })
  // by session, not by a list of booking ids: a thousand ids would pass SQLite's limit on parameters
  const ofDueSessions = { sessionId: { in: [...due.keys()] } }
  const days = [...new Set([...due.values()].flat().map((d) => d.day))]
  const [sent, away] = await Promise.all([
    db.reminder.findMany({ where: { booking: ofDueSessions, day: { in: days } }, select: { bookingId: true, day: true, rule: true } }),
    // a day reported absent in advance (or already marked absent) is not reminded of
    db.attendance.findMany({
      where: { booking: ofDueSessions, day: { in: days }, status: { in: ['excused', 'absent'] } },
      select: { bookingId: true, day: true },
    }),
  ])
  const done = new Set(sent.map((r) => `${r.bookingId} ${r.day} ${r.rule}`))
  const skip = new Set(away.map((a) => `${a.bookingId} ${a.day}`))
  const toSend = bookings.flatMap((booking) =>
    (due.get(booking.sessionId) ?? [])
      // booked after the moment: the confirmation just said it all
      .filter((d) => booking.createdAt <= d.moment)
      .filter((d) => !done.has(`${booking.id} ${d.day} ${d.rule}`) && !skip.has(`${booking.id} ${d.day}`))
      .map((d) => ({ booking, day: d.day, rule: d.rule })),
  )
  const count = await writeOnce(toSend, async (tx, chunk) => {
    // the unique key (bookingId, day, rule): another instance that got here first makes this fail, and roll back
    await tx.reminder.createMany({ data: chunk.map((r) => ({ bookingId: r.booking.id, day: r.day, rule: r.rule, createdAt: now })) })
    await enqueueMails(
      tx,
      chunk.map((r) => ({ ...mailTo(r.booking), kind: 'reminder', payload: { reminder: { day: r.day } } })),
      now,
    )
  })
  return { sent: count }
}

/**
 * After a booking's last meeting, its booker is asked once for a word (a rating and a comment,
 * answered from a signed link): the Feedback row, unique per booking, is written with the mail.
 */
export async function askForFeedback(now = new Date()) {
  const since = new Date(now.getTime() - FEEDBACK_WINDOW_MS)
  const sessions = await db.session.findMany({
    where: {
      status: 'scheduled',
      OR: [
        { repeatUntil: { gte: since, lte: now } },
        // a single meeting: found by its start (indexed), a meeting lasts less than two days
        { repeatUntil: null, startsAt: { gte: new Date(since.getTime() - 2 * 86_400_000), lte: now }, endsAt: { gte: since, lte: now } },
      ],
    },
    select: { id: true, endsAt: true, repeatUntil: true, programme: { select: { status: true } } },
  })
  const ended = sessions.filter((s) => s.programme.status === 'published' && seriesEnd(s) <= now && seriesEnd(s) >= since)
  if (ended.length === 0) return { asked: 0 }
  const bookings = await db.booking.findMany({
    where: { sessionId: { in: ended.map((s) => s.id) }, status: 'confirmed', feedback: null, booker: reachableBooker },
    select: { id: true, booker: { select: bookerSelect } },
  })
  const asked = await writeOnce(bookings, async (tx, chunk) => {
    await tx.feedback.createMany({ data: chunk.map((b) => ({ bookingId: b.id, askedAt: now })) })
    await enqueueMails(
      tx,
      chunk.map((b) => ({ ...mailTo(b), kind: 'feedback-request' })),
      now,
    )
  })
  return { asked }
}
