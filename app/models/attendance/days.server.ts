import { randomInt } from 'node:crypto'
import { meetingDays, meetingTimes, type Series } from '~/models/programme/recurrence'
import { sessionWhenSelect } from '~/models/programme/selects'
import { db, isUniqueViolation, write } from '~/utils/db.server'
import { maskName } from '~/utils/mask'
import { attended, completes, hasCompletionRule, type DayState } from './constants'
import { refuse } from '~/models/result'

type RecordRow = {
  bookingId: string
  day: string
  status: string
  arrivedAt: Date | null
  leftAt: Date | null
  collectedByName: string | null
  overrideReason: string | null
  excuseReason: string | null
}

export type DayView = {
  day: string
  state: DayState
  arrivedAt: Date | null
  leftAt: Date | null
  collectedByName: string | null
  overrideReason: string | null
  excuseReason: string | null
  /** the day's start has not come: an absence may still be reported or withdrawn */
  upcoming: boolean
  /** recorded on a day the session no longer meets (the series moved, a holiday was added) */
  offSchedule: boolean
}

export const attendanceSelect = {
  bookingId: true,
  day: true,
  status: true,
  arrivedAt: true,
  leftAt: true,
  collectedByName: true,
  overrideReason: true,
  excuseReason: true,
} as const

/**
 * Every meeting day of a booking with what happened: the days meetingDays() gives, each with
 * its record or "expected", and any recorded day the session no longer meets (kept, flagged).
 */
export function daysOf(series: Series, records: RecordRow[], now: Date): DayView[] {
  const byDay = new Map(records.map((r) => [r.day, r]))
  const scheduled = meetingDays(series)
  const days = [...new Set([...scheduled, ...records.map((r) => r.day)])].sort()
  const meets = new Set(scheduled)
  return days.map((day) => {
    const r = byDay.get(day)
    return {
      day,
      state: (r?.status ?? 'expected') as DayState,
      arrivedAt: r?.arrivedAt ?? null,
      leftAt: r?.leftAt ?? null,
      collectedByName: r?.collectedByName ?? null,
      overrideReason: r?.overrideReason ?? null,
      excuseReason: r?.excuseReason ?? null,
      upcoming: meetingTimes(series, day).startsAt > now,
      offSchedule: !meets.has(day),
    }
  })
}

/** The days of several bookings at once: one query whatever their number. */
export async function daysOfBookings(bookings: { id: string; session: Series }[], now = new Date()) {
  const records = await db.attendance.findMany({ where: { bookingId: { in: bookings.map((b) => b.id) } }, select: attendanceSelect })
  const byBooking = new Map<string, RecordRow[]>()
  for (const r of records) byBooking.set(r.bookingId, [...(byBooking.get(r.bookingId) ?? []), r])
  return new Map(bookings.map((b) => [b.id, daysOf(b.session, byBooking.get(b.id) ?? [], now)]))
}

/** How far a booking is in its course, by the programme's rule (meetings scheduled now; a day kept off-schedule counts if attended). */
export function progressOf(
  days: DayView[],
  rule: { completionMeetings: number | null; completionPercent: number | null },
  series: Series,
  now: Date,
) {
  const meetings = days.filter((d) => !d.offSchedule).length
  const attendedDays = days.filter((d) => attended(d.state)).length
  const scheduled = meetingDays(series)
  const final = scheduled.length > 0 && meetingTimes(series, scheduled[scheduled.length - 1]).endsAt <= now
  const completionRule = { meetings: rule.completionMeetings, percent: rule.completionPercent }
  return {
    meetings,
    attended: attendedDays,
    hasRule: hasCompletionRule(completionRule),
    completed: completes(completionRule, attendedDays, meetings),
    /** the last meeting is over: the completion list is final */
    final,
  }
}

// Crockford's base 32 (no I, L, O, U): read aloud and typed without mistakes
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
/** 16 characters, 80 random bits from the OS: not guessable, and it says nothing about anyone. */
export function newCertificateCode() {
  return Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')
}
export const normaliseCertificateCode = (typed: string) =>
  typed.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0')

const certificateBookingSelect = {
  id: true,
  status: true,
  child: { select: { name: true } },
  attendeeUser: { select: { name: true } },
  booker: { select: { name: true } },
  session: {
    select: {
      ...sessionWhenSelect,
      programme: {
        select: {
          titleZh: true,
          titleEn: true,
          completionMeetings: true,
          completionPercent: true,
          department: { select: { nameZh: true, nameEn: true } },
        },
      },
    },
  },
} as const

/**
 * The certificate of a booking its booker holds, once the course is over and its rule met:
 * issued the first time it is asked for (one per booking, whatever the race), then the same.
 */
export async function certificateFor(input: { bookingId: string; userId: string; now?: Date }) {
  const now = input.now ?? new Date()
  const booking = await db.booking.findFirst({
    where: { id: input.bookingId, bookerId: input.userId, status: 'confirmed' },
    select: { ...certificateBookingSelect, certificate: true },
  })
  if (!booking) return null
  const [days] = [...(await daysOfBookings([booking], now)).values()]
  const progress = progressOf(days, booking.session.programme, booking.session, now)
  if (!progress.final || !progress.completed) return refuse('attendance.certificateNotYet', { progress })
  let certificate = booking.certificate
  if (!certificate) {
    try {
      certificate = await write((tx) =>
        tx.certificate.create({
          data: {
            bookingId: booking.id,
            code: newCertificateCode(),
            meetings: progress.meetings,
            attended: progress.attended,
            issuedAt: now,
          },
        }),
      )
    } catch (error) {
      if (!isUniqueViolation(error)) throw error
      certificate = await db.certificate.findUniqueOrThrow({ where: { bookingId: booking.id } })
    }
  }
  return { ok: true, certificate, booking: describe(booking), progress } as const
}

function describe(booking: {
  child: { name: string } | null
  attendeeUser: { name: string } | null
  booker: { name: string }
  session: Series & { programme: { titleZh: string; titleEn: string; department: { nameZh: string; nameEn: string } } }
}) {
  const days = meetingDays(booking.session)
  return {
    name: booking.child?.name ?? booking.attendeeUser?.name ?? booking.booker.name,
    programme: booking.session.programme,
    firstDay: days[0],
    lastDay: days[days.length - 1],
  }
}

/** What the public check of a code shows: a masked name, the course, its dates, the issuer — nothing else. */
export async function verifyCertificate(code: string) {
  const certificate = await db.certificate.findUnique({
    where: { code: normaliseCertificateCode(code) },
    select: { code: true, meetings: true, attended: true, issuedAt: true, booking: { select: certificateBookingSelect } },
  })
  if (!certificate) return null
  const described = describe(certificate.booking)
  return {
    code: certificate.code,
    maskedName: maskName(described.name),
    programme: described.programme,
    firstDay: described.firstDay,
    lastDay: described.lastDay,
    meetings: certificate.meetings,
    attended: certificate.attended,
    issuedAt: certificate.issuedAt,
  }
}

/** A member's own booking, day by day, with the course's progress: for "my bookings". */
export async function myBookingDays(input: { userId: string; bookingId: string; now?: Date }) {
  const now = input.now ?? new Date()
  const booking = await db.booking.findFirst({
    where: { id: input.bookingId, bookerId: input.userId },
    select: {
      id: true,
      status: true,
      child: { select: { id: true, name: true } },
      attendeeUser: { select: { name: true } },
      booker: { select: { name: true } },
      certificate: { select: { code: true } },
      session: {
        select: {
          ...sessionWhenSelect,
          placeZh: true,
          placeEn: true,
          programme: {
            select: {
              titleZh: true,
              titleEn: true,
              kind: true,
              contactPhone: true,
              completionMeetings: true,
              completionPercent: true,
              department: { select: { phone: true } },
            },
          },
        },
      },
    },
  })
  if (!booking) return null
  const [days] = [...(await daysOfBookings([booking], now)).values()]
  return { booking, days, progress: progressOf(days, booking.session.programme, booking.session, now) }
}
