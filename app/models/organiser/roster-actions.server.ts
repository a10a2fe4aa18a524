import { SEAT_STATUSES } from '~/models/booking/constants'
import { writeAudit } from '~/models/audit/audit.server'
import { endableBookingSelect, endBooking } from '~/models/booking/end-booking.server'
import { seatWaitingBooking, waitingBookingSelect } from '~/models/booking/waitlist.server'
import { enqueueMail } from '~/models/outbox/outbox.server'
import { meetingDays, type Series } from '~/models/programme/recurrence'
import { db, write } from '~/utils/db.server'
import { shanghaiDay } from '~/utils/time'

// Every action takes the session id too: a booking id from another session is not found.

/** Is `now` one of the session's meeting days (Shanghai)? Check-in belongs to those. */
export function isSessionDay(series: Series, now = new Date()) {
  return meetingDays(series).includes(shanghaiDay(now))
}

/** An organiser removes a booking, with a reason; its seat goes to the waitlist. */
export async function removeBooking(sessionId: string, bookingId: string, reason: string, actorId: string, now = new Date()) {
  const booking = await db.booking.findFirst({
    where: { id: bookingId, sessionId, activeKey: { not: null } },
    select: endableBookingSelect,
  })
  if (!booking) return false
  return write((tx) => endBooking(tx, booking, { to: 'removed', actorId, now, reason, mail: 'booking-cancelled' }))
}

/** Confirm one waiting person out of order (the organiser's call), if a seat is free for them. */
export async function promoteBooking(sessionId: string, bookingId: string, actorId: string) {
  const booking = await db.booking.findFirst({
    where: { id: bookingId, sessionId, status: 'waitlisted' },
    select: { ...waitingBookingSelect, session: { select: { quotas: { select: { category: true } } } } },
  })
  if (!booking) return { ok: false, error: 'errors.notWaiting' } as const
  const seated = await write((tx) =>
    seatWaitingBooking(tx, sessionId, booking, booking.session, {
      holdUntil: null,
      actorId,
      action: 'booking.promoted-by-organiser',
    }),
  )
  return seated ? ({ ok: true } as const) : ({ ok: false, error: 'errors.noSeat' } as const)
}

export async function resendInvite(sessionId: string, bookingId: string, actorId: string) {
  return write(async (tx) => {
    const booking = await tx.booking.findFirst({
      where: { id: bookingId, sessionId, status: 'confirmed' },
      select: { icalSequence: true, booker: { select: { id: true, email: true, locale: true } } },
    })
    if (!booking) return false
    await enqueueMail(tx, {
      kind: 'booking-confirmed',
      toEmail: booking.booker.email,
      userId: booking.booker.id,
      locale: booking.booker.locale,
      bookingId,
      payload: { invite: { method: 'REQUEST', sequence: booking.icalSequence } },
    })
    await writeAudit(tx, { actorId, action: 'booking.invite-resent', entity: 'Booking', entityId: bookingId })
    return true
  })
}

/** A message from the organiser to everyone booked (confirmed + offered) or everyone waiting. */
export async function messageAttendees(
  sessionId: string,
  input: { audience: 'booked' | 'waitlist'; subject: string; body: string },
  actorId: string,
) {
  return write(async (tx) => {
    const recipients = await tx.booking.findMany({
      where: { sessionId, status: input.audience === 'booked' ? { in: [...SEAT_STATUSES] } : 'waitlisted' },
      select: { id: true, booker: { select: { id: true, email: true, locale: true } } },
    })
    for (const r of recipients) {
      await enqueueMail(tx, {
        kind: 'organiser-message',
        toEmail: r.booker.email,
        userId: r.booker.id,
        locale: r.booker.locale,
        bookingId: r.id,
        payload: { subject: input.subject, body: input.body },
      })
    }
    await writeAudit(tx, {
      actorId,
      action: 'session.messaged',
      entity: 'Session',
      entityId: sessionId,
      data: { ...input, recipients: recipients.length },
    })
    return recipients.length
  })
}
