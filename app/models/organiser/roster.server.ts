import { seriesEnd } from '~/models/programme/recurrence'
import { BOOKING_STATUSES, holdsSeat } from '~/models/booking/constants'
import { writeAudit } from '~/models/audit/audit.server'
import { db, write } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { decryptField } from '~/utils/field-crypto.server'

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
export async function getRoster(sessionId: string, filter: { status?: string; q?: string } = {}, now = new Date()) {
  const session = await db.session.findUniqueOrThrow({ where: { id: sessionId }, select: { endsAt: true, repeatUntil: true } })
  const detailsOpen = now <= personalDetailsUntil(session)
  const bookings = await db.booking.findMany({
    where: { sessionId },
    orderBy: [{ waitlistSeq: 'asc' }, { createdAt: 'asc' }],
    select: {
      id: true,
      status: true,
      waitlistSeq: true,
      offerExpiresAt: true,
      createdAt: true,
      checkedInAt: true,
      noShow: true,
      cancelReason: true,
      quotaCategory: true,
      booker: { select: { name: true, phone: true, email: true } },
      attendeeUser: { select: { name: true, phone: true, gender: true } },
      child: { select: { name: true, gender: true, birthDate: true, notes: true } },
    },
  })
  const rows = bookings.map((b) => ({
    id: b.id,
    status: b.status,
    attendee: b.child?.name ?? b.attendeeUser?.name ?? b.booker.name,
    isChild: Boolean(b.child),
    gender: b.child?.gender ?? b.attendeeUser?.gender ?? null,
    // the quota the seat was taken under (what counted then, whatever the profile says now)
    quotaCategory: b.quotaCategory,
    guardian: b.child ? b.booker.name : null,
    phone: detailsOpen ? (b.attendeeUser?.phone ?? b.booker.phone ?? '') : '',
    email: b.booker.email,
    notes: detailsOpen && holdsSeat(b.status) ? decryptField(b.child?.notes) : null,
    bookedAt: b.createdAt,
    checkedInAt: b.checkedInAt,
    noShow: b.noShow,
    offerExpiresAt: b.offerExpiresAt,
    cancelReason: b.cancelReason,
  }))
  const counts = Object.fromEntries(BOOKING_STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length]))
  const checkedIn = rows.filter((r) => r.checkedInAt).length
  const q = filter.q?.toLowerCase()
  const shown = rows
    .filter((r) => !filter.status || r.status === filter.status)
    .filter((r) => !q || [r.attendee, r.guardian ?? '', r.phone, r.email].some((v) => v.toLowerCase().includes(q)))
    .sort((a, b) => order(a.status) - order(b.status))
  return { rows: shown, counts, checkedIn, notesShown: shown.some((r) => r.notes), detailsOpen }
}

export type RosterRow = Awaited<ReturnType<typeof getRoster>>['rows'][number]

/** A roster showing children's health notes was looked at: who, when, which session. */
export function recordNotesViewed(actorId: string, sessionId: string) {
  return write((tx) => writeAudit(tx, { actorId, action: 'roster.notes-viewed', entity: 'Session', entityId: sessionId }))
}
