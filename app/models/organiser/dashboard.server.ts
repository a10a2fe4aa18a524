import { ATTENDED } from '~/models/attendance/constants'
import { WAITING_STATUSES } from '~/models/booking/constants'
import type { SignedInUser } from '~/models/user/login.server'
import { db } from '~/utils/db.server'
import { shanghaiDay } from '~/utils/time'
import { programmeScope } from './scope.server'

/** The department's programmes with their upcoming sessions' fill, waitlists and open offers. */
export async function organiserDashboard(user: SignedInUser, now = new Date()) {
  const programmes = await db.programme.findMany({
    where: programmeScope(user),
    orderBy: { createdAt: 'desc' },
    select: {
      id: true,
      titleZh: true,
      titleEn: true,
      kind: true,
      status: true,
      department: { select: { nameZh: true, nameEn: true } },
      sessions: {
        where: { endsAt: { gt: now }, status: 'scheduled' },
        orderBy: { startsAt: 'asc' },
        select: {
          id: true,
          startsAt: true,
          endsAt: true,
          repeatDays: true,
          repeatUntil: true,
          capacity: true,
          seatsTaken: true,
        },
      },
    },
  })
  const sessionIds = programmes.flatMap((p) => p.sessions.map((s) => s.id))
  const byStatus = sessionIds.length
    ? await db.booking.groupBy({
        by: ['sessionId', 'status'],
        where: { sessionId: { in: sessionIds }, status: { in: [...WAITING_STATUSES] } },
        _count: true,
      })
    : []
  const count = (sessionId: string, status: string) => byStatus.find((g) => g.sessionId === sessionId && g.status === status)?._count ?? 0
  return programmes.map((p) => ({
    ...p,
    sessions: p.sessions.map((s) => ({
      ...s,
      fillRate: s.capacity ? Math.round((100 * s.seatsTaken) / s.capacity) : 0,
      waiting: count(s.id, 'waitlisted'),
      offers: count(s.id, 'offered'),
    })),
  }))
}

/** Everything that happened to a programme, its sessions and their bookings, newest first. */
export async function programmeHistory(programmeId: string, take = 100) {
  const sessions = await db.session.findMany({ where: { programmeId }, select: { id: true } })
  const sessionIds = sessions.map((s) => s.id)
  const bookings = await db.booking.findMany({ where: { sessionId: { in: sessionIds } }, select: { id: true } })
  return db.auditLog.findMany({
    where: {
      OR: [
        { entity: 'Programme', entityId: programmeId },
        { entity: 'Session', entityId: { in: sessionIds } },
        { entity: 'Booking', entityId: { in: bookings.map((b) => b.id) } },
      ],
    },
    orderBy: { createdAt: 'desc' },
    take,
    select: { id: true, action: true, createdAt: true, data: true, actor: { select: { name: true } } },
  })
}

/** Attendance after the sessions: checked in out of confirmed, per past session. */
export async function attendance(programmeId: string, now = new Date()) {
  const past = await db.session.findMany({
    where: { programmeId, endsAt: { lte: now } },
    orderBy: { startsAt: 'asc' },
    select: { id: true, startsAt: true },
  })
  if (past.length === 0) return []
  const groups = await db.booking.groupBy({
    by: ['sessionId', 'status'],
    where: { sessionId: { in: past.map((s) => s.id) }, status: 'confirmed' },
    _count: true,
  })
  // who came at least once (per-day records: app/models/attendance)
  const came = await db.attendance.findMany({
    where: { status: { in: [...ATTENDED] }, booking: { sessionId: { in: past.map((s) => s.id) }, status: 'confirmed' } },
    distinct: ['bookingId'],
    select: { booking: { select: { sessionId: true } } },
  })
  return past.map((s) => {
    const confirmed = groups.find((g) => g.sessionId === s.id)?._count ?? 0
    const present = came.filter((c) => c.booking.sessionId === s.id).length
    return { ...s, confirmed, present, rate: confirmed ? Math.round((100 * present) / confirmed) : 0 }
  })
}

/** Bookings made per day (Shanghai) for a programme: the data behind its chart. */
export async function bookingsOverTime(programmeId: string) {
  const bookings = await db.booking.findMany({
    where: { session: { programmeId } },
    select: { createdAt: true, status: true },
    orderBy: { createdAt: 'asc' },
  })
  const perDay = new Map<string, { booked: number; waitlisted: number }>()
  for (const b of bookings) {
    const day = shanghaiDay(b.createdAt)
    const entry = perDay.get(day) ?? { booked: 0, waitlisted: 0 }
    if (b.status === 'waitlisted') entry.waitlisted += 1
    else entry.booked += 1
    perDay.set(day, entry)
  }
  return [...perDay].map(([day, counts]) => ({ day, ...counts }))
}

export async function listProgrammeSessions(programmeId: string) {
  return db.session.findMany({ where: { programmeId }, orderBy: { startsAt: 'asc' } })
}
