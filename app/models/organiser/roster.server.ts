import { db } from '~/utils/db.server'
import { decryptField } from '~/utils/field-crypto.server'

const STATUS_ORDER = ['confirmed', 'offered', 'waitlisted', 'cancelled', 'declined', 'expired', 'removed']

/**
 * A session's roster for its organisers: attendee, and for a child the guardian's name and
 * phone and the child's notes (organisers of a session the child is booked on may see them).
 */
export async function getRoster(sessionId: string, filter: { status?: string; q?: string } = {}) {
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
    phone: b.attendeeUser?.phone ?? b.booker.phone ?? '',
    email: b.booker.email,
    notes: decryptField(b.child?.notes),
    bookedAt: b.createdAt,
    checkedInAt: b.checkedInAt,
    noShow: b.noShow,
    offerExpiresAt: b.offerExpiresAt,
    cancelReason: b.cancelReason,
  }))
  const counts = Object.fromEntries(STATUS_ORDER.map((s) => [s, rows.filter((r) => r.status === s).length]))
  const checkedIn = rows.filter((r) => r.checkedInAt).length
  const q = filter.q?.toLowerCase()
  const shown = rows
    .filter((r) => !filter.status || r.status === filter.status)
    .filter((r) => !q || [r.attendee, r.guardian ?? '', r.phone, r.email].some((v) => v.toLowerCase().includes(q)))
    .sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status))
  return { rows: shown, counts, checkedIn }
}

export type RosterRow = Awaited<ReturnType<typeof getRoster>>['rows'][number]
