import { meetingDays, meetingTimes, seriesEnd } from '~/models/programme/recurrence'
import { sessionWhenSelect } from '~/models/programme/selects'
import { attendanceSelect, daysOf, progressOf } from '~/models/attendance/days.server'
import { shanghaiDay } from '~/utils/time'
import { BOOKING_STATUSES, holdsSeat } from '~/models/booking/constants'
import { writeAudit } from '~/models/audit/audit.server'
import { db, write } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { decryptField } from '~/utils/field-crypto.server'
import { answersOfBookings } from '~/models/questions/answers.server'
import { optionsOf } from '~/models/questions/definitions'

const order = (status: string) => (BOOKING_STATUSES as readonly string[]).indexOf(status)

/**
 * Until when a session's roster may show children's health notes and guardians' phones: the
 * session's last meeting day plus the retention period (RETAIN_NOTES_DAYS, docs/privacy.md).
 */

export function personalDetailsUntil(session: { endsAt: Date; repeatUntil: Date | null }, retainDays = getEnv().RETAIN_NOTES_DAYS) {
  return new Date(seriesEnd(session).getTime() + retainDays * 24 * 60 * 60 * 1000)
}

// health notes are for the people on the session, not those waiting or gone

/**
 * A session's roster for its organisers (scope is the caller's: scope.server.ts): attendee,
 * and for a child the guardian's name and phone. A child's health notes only while the
 * booking holds a seat, and notes and phones only until `personalDetailsUntil` (PIPL: least
 * access, limited retention). `notesShown` tells the caller to record the view.
 */
export async function getRoster(sessionId: string, filter: { status?: string; q?: string; day?: string } = {}, now = new Date()) {
  const session = await db.session.findUniqueOrThrow({
    where: { id: sessionId },
    select: {
      ...sessionWhenSelect,
      programme: {
        select: {
          completionMeetings: true,
          completionPercent: true,
          // every question ever asked (a removed one's answers still show until retention)
          questions: {
            orderBy: { position: 'asc' },
            select: { id: true, type: true, labelZh: true, labelEn: true, options: true, sensitive: true, removedAt: true },
          },
        },
      },
    },
  })
  const detailsOpen = now <= personalDetailsUntil(session)
  const day = registerDayOf(filter.day, now)
  const bookings = await db.booking.findMany({
    where: { sessionId },
    orderBy: [{ waitlistSeq: 'asc' }, { createdAt: 'asc' }],
    select: {
      id: true,
      status: true,
      waitlistSeq: true,
      offerExpiresAt: true,
      createdAt: true,
      cancelReason: true,
      quotaCategory: true,
      badgeNo: true,
      booker: { select: { name: true, phone: true, email: true } },
      attendeeUser: { select: { name: true, phone: true, gender: true } },
      child: {
        select: {
          name: true,
          gender: true,
          birthDate: true,
          notes: true,
          pickups: { orderBy: { createdAt: 'asc' }, select: { id: true, name: true, relation: true, phone: true } },
        },
      },
      attendance: { select: attendanceSelect },
    },
  })
  const { endsAt: dayEndsAt } = meetingTimes(session, day)
  const answers = session.programme.questions.length
    ? await answersOfBookings(bookings.map((b) => b.id))
    : new Map<string, { questionId: string; value: string; sensitive: boolean }[]>()
  const rows = bookings.map((b) => {
    // a sensitive answer under the notes' rules: a seat held, within the retention window
    const shownAnswers = (answers.get(b.id) ?? []).filter((a) => !a.sensitive || (detailsOpen && holdsSeat(b.status)))
    const days = daysOf(session, b.attendance, now)
    const today = days.find((d) => d.day === day) ?? null
    return {
      id: b.id,
      status: b.status,
      attendee: b.child?.name ?? b.attendeeUser?.name ?? b.booker.name,
      isChild: Boolean(b.child),
      gender: b.child?.gender ?? b.attendeeUser?.gender ?? null,
      // the quota the seat was taken under (what counted then, whatever the profile says now)
      quotaCategory: b.quotaCategory,
      badgeNo: b.badgeNo,
      guardian: b.child ? b.booker.name : null,
      phone: detailsOpen ? (b.attendeeUser?.phone ?? b.booker.phone ?? '') : '',
      email: b.booker.email,
      notes: detailsOpen && holdsSeat(b.status) ? decryptField(b.child?.notes) : null,
      // who may collect the child (besides the guardian): what the pick-up choice offers
      pickups: detailsOpen && b.child ? b.child.pickups : [],
      bookedAt: b.createdAt,
      offerExpiresAt: b.offerExpiresAt,
      cancelReason: b.cancelReason,
      today:
        b.status === 'confirmed'
          ? (today ?? {
              state: 'expected' as const,
              arrivedAt: null,
              leftAt: null,
              collectedByName: null,
              overrideReason: null,
              excuseReason: null,
            })
          : null,
      progress: progressOf(days, session.programme, session, now),
      answers: Object.fromEntries(shownAnswers.map((a) => [a.questionId, a.value])) as Record<string, string>,
      sensitiveShown: shownAnswers.some((a) => a.sensitive),
    }
  })
  const counts = Object.fromEntries(BOOKING_STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length]))
  const register = Object.fromEntries(
    (['expected', 'present', 'left', 'absent', 'excused'] as const).map((state) => [
      state,
      rows.filter((r) => r.today?.state === state).length,
    ]),
  ) as Record<'expected' | 'present' | 'left' | 'absent' | 'excused', number>
  // after the day's end: children who arrived and were not collected, with the guardian's phone
  const latePickups = now >= dayEndsAt ? rows.filter((r) => r.isChild && r.today?.state === 'present') : []
  const q = filter.q?.toLowerCase()
  const shown = rows
    .filter((r) => !filter.status || r.status === filter.status)
    .filter((r) => !q || [r.attendee, r.guardian ?? '', r.phone, r.email].some((v) => v.toLowerCase().includes(q)))
    .sort((a, b) => order(a.status) - order(b.status))
  return {
    rows: shown,
    counts,
    checkedIn: register.present + register.left,
    register,
    latePickups,
    day,
    meetingDays: meetingDays(session),
    meetsOnDay: meetingDays(session).includes(day),
    // arrivals are recorded on the day or after it (a paper list typed in later), never ahead
    recordable: day <= shanghaiDay(now),
    hasCompletionRule: rows[0]?.progress.hasRule ?? false,
    notesShown: shown.some((r) => r.notes || r.sensitiveShown),
    // the questions with an answer on this roster, in the programme's order
    questions: session.programme.questions
      .filter((q) => !q.removedAt || rows.some((r) => q.id in r.answers))
      .map(({ options, ...q }) => ({ ...q, options: optionsOf(options) })),
    detailsOpen,
  }
}

/** The day a roster opens on: the one asked for, else today (a meeting day or not: the register says so). */
export function registerDayOf(asked: string | undefined, now: Date) {
  return asked ?? shanghaiDay(now)
}

export type RosterRow = Awaited<ReturnType<typeof getRoster>>['rows'][number]

/** A roster showing children's health notes was looked at: who, when, which session. */
export function recordNotesViewed(actorId: string, sessionId: string) {
  return write((tx) => writeAudit(tx, { actorId, action: 'roster.notes-viewed', entity: 'Session', entityId: sessionId }))
}
