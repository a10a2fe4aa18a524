/** Every status a booking can have, in the order a roster lists them. The one list: the rest derive from it. */
export const BOOKING_STATUSES = ['confirmed', 'offered', 'waitlisted', 'cancelled', 'declined', 'expired', 'removed'] as const
export type BookingStatus = (typeof BOOKING_STATUSES)[number]

/** Statuses that hold the attendee's single place in a session (see Booking.activeKey). */
export const ACTIVE_STATUSES: readonly BookingStatus[] = ['confirmed', 'waitlisted', 'offered']
/** Statuses that hold a seat (counted in Session.seatsTaken). */
export const SEAT_STATUSES: readonly BookingStatus[] = ['confirmed', 'offered']
/** Statuses of people waiting for a seat (in line, or offered one). */
export const WAITING_STATUSES: readonly BookingStatus[] = ['waitlisted', 'offered']

export const isActiveStatus = (status: string) => (ACTIVE_STATUSES as readonly string[]).includes(status)
export const holdsSeat = (status: string) => (SEAT_STATUSES as readonly string[]).includes(status)

export type Attendee = { kind: 'self'; userId: string } | { kind: 'child'; childId: string }

/** The most attendees one booking form may name (a member, or up to ten of their children). */
export const MAX_ATTENDEES = 10

export function attendeeKey(attendee: Attendee) {
  return attendee.kind === 'self' ? `u:${attendee.userId}` : `c:${attendee.childId}`
}

/** A booking's attendee columns from its key (the inverse of attendeeKey). */
export function attendeeColumns(key: string) {
  const [kind, id] = [key.slice(0, 2), key.slice(2)]
  return { attendeeUserId: kind === 'u:' ? id : null, childId: kind === 'c:' ? id : null }
}

/** The key of a booking's (or any row's) attendee columns. */
export const attendeeKeyOf = (row: { attendeeUserId: string | null; childId: string | null }) =>
  row.attendeeUserId ? attendeeKey({ kind: 'self', userId: row.attendeeUserId }) : attendeeKey({ kind: 'child', childId: row.childId! })

/** The ids behind attendee keys, by kind. */
export function attendeeIds(keys: readonly string[]) {
  const columns = keys.map(attendeeColumns)
  return {
    userIds: columns.flatMap((c) => (c.attendeeUserId ? [c.attendeeUserId] : [])),
    childIds: columns.flatMap((c) => (c.childId ? [c.childId] : [])),
  }
}

export const REFUSAL_REASONS = [
  'programme-unavailable',
  'session-cancelled',
  'session-past',
  'not-open',
  'closed',
  'lottery',
  'not-lottery',
  'members-only',
  'member-unverified',
  'wrong-audience',
  'not-your-child',
  'missing-birth-date',
  'too-young',
  'too-old',
  'missing-gender',
  'no-quota-for-gender',
  'per-booker-limit',
] as const
export type RefusalReason = (typeof REFUSAL_REASONS)[number]

/** The last moment a member may cancel a confirmed booking themselves. */
export function cancelDeadline(startsAt: Date, cancelDeadlineHours: number) {
  return new Date(startsAt.getTime() - cancelDeadlineHours * 60 * 60 * 1000)
}

/** Past the deadline a confirmed place is the organiser's to release (a waiting or offered one never is). */
export const tooLateToCancel = (status: string, deadline: Date, now: Date) => status === 'confirmed' && now > deadline
