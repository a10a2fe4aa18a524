import { writeAudit } from '~/models/audit/audit.server'
import { contactPhoneOf } from '~/models/programme/constants'
import { meetingDays, meetingTimes } from '~/models/programme/recurrence'
import { sessionWhenSelect } from '~/models/programme/selects'
import { write, type Tx } from '~/utils/db.server'
import { insertDayOnce } from './register.server'
import type { MessageKey } from '~/models/result'

/**
 * Absence notes (请假): a guardian (or a member for themself) reports in advance that the
 * attendee will miss one or more meeting days. Until the day's start only — after that the
 * organiser is called (the page shows the phone). The seat stays: it is one day, not the term.
 */
export type AbsenceResult = { ok: true; days: string[] } | { ok: false; error: MessageKey; phone?: string; day?: string }

/** The member's own confirmed booking, with when it meets and whom to call. */
const findOwnBooking = (tx: Tx, input: { bookingId: string; userId: string }) =>
  tx.booking.findFirst({
    where: { id: input.bookingId, bookerId: input.userId, status: 'confirmed' },
    select: {
      id: true,
      session: {
        select: { ...sessionWhenSelect, programme: { select: { contactPhone: true, department: { select: { phone: true } } } } },
      },
    },
  })

export function reportAbsence(input: { userId: string; bookingId: string; days: string[]; reason?: string | null; now?: Date }) {
  const now = input.now ?? new Date()
  return write(async (tx): Promise<AbsenceResult> => {
    const booking = await findOwnBooking(tx, input)
    if (!booking) return { ok: false, error: 'booking.notFound' }
    const meets = new Set(meetingDays(booking.session))
    const phone = contactPhoneOf(booking.session.programme)
    for (const day of input.days) {
      if (!meets.has(day)) return { ok: false, error: 'attendance.notAMeetingDay', day }
      if (meetingTimes(booking.session, day).startsAt <= now) return { ok: false, error: 'attendance.tooLateToReport', phone, day }
    }
    const reason = input.reason?.trim() || null
    for (const day of input.days) {
      const made = await insertDayOnce(
        tx,
        { bookingId: booking.id, day, status: 'excused', excuseReason: reason, recordedById: input.userId },
        now,
      )
      if (!made) {
        // reported before: the reason is what was said last
        await tx.attendance.updateMany({ where: { bookingId: booking.id, day, status: 'excused' }, data: { excuseReason: reason } })
      }
    }
    await writeAudit(tx, {
      actorId: input.userId,
      action: 'attendance.absence-reported',
      entity: 'Booking',
      entityId: booking.id,
      data: { days: input.days },
    })
    return { ok: true, days: input.days }
  })
}

/** Take an absence note back, until the day's start. */
export function withdrawAbsence(input: { userId: string; bookingId: string; day: string; now?: Date }) {
  const now = input.now ?? new Date()
  return write(async (tx): Promise<AbsenceResult> => {
    const booking = await findOwnBooking(tx, input)
    if (!booking) return { ok: false, error: 'booking.notFound' }
    if (meetingTimes(booking.session, input.day).startsAt <= now) {
      return { ok: false, error: 'attendance.tooLateToReport', phone: contactPhoneOf(booking.session.programme), day: input.day }
    }
    const { count } = await tx.attendance.deleteMany({ where: { bookingId: booking.id, day: input.day, status: 'excused' } })
    if (count === 0) return { ok: false, error: 'attendance.noAbsence', day: input.day }
    await writeAudit(tx, {
      actorId: input.userId,
      action: 'attendance.absence-withdrawn',
      entity: 'Booking',
      entityId: booking.id,
      data: { day: input.day },
    })
    return { ok: true, days: [input.day] }
  })
}
