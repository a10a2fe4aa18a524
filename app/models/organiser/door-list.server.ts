import { attendanceSelect } from '~/models/attendance/days.server'
import { writeAudit } from '~/models/audit/audit.server'
import { holdsSeat } from '~/models/booking/constants'
import { isMedicalNote } from '~/models/child/note-kind'
import { meetingDays, meetingTimes } from '~/models/programme/recurrence'
import { sessionWhenSelect } from '~/models/programme/selects'
import { answersOfBookings } from '~/models/questions/answers.server'
import { answerText, optionsOf } from '~/models/questions/definitions'
import type { SignedInUser } from '~/models/user/login.server'
import { db, write } from '~/utils/db.server'
import { decryptField } from '~/utils/field-crypto.server'
import { addDays, shanghaiDay, shanghaiTime } from '~/utils/time'
import { personalDetailsUntil } from './roster.server'
import { programmeScope } from './scope.server'

// What the door's phone keeps for the day, and the door without scripts (docs/decisions/0021-door-offline.md);
// the records it sends back are door.server.ts.

/** Today's sessions of the organiser's department (an admin: all), for choosing what the door keeps. */
export async function doorSessionsToday(user: SignedInUser, now = new Date()) {
  const today = shanghaiDay(now)
  const dayStart = shanghaiTime(today)
  const sessions = await db.session.findMany({
    where: {
      status: 'scheduled',
      startsAt: { lt: shanghaiTime(addDays(today, 1)) },
      OR: [{ repeatUntil: { gte: dayStart } }, { repeatUntil: null, endsAt: { gte: dayStart } }],
      programme: { ...programmeScope(user), status: { not: 'cancelled' } },
    },
    orderBy: { startsAt: 'asc' },
    select: {
      id: true,
      ...sessionWhenSelect,
      placeZh: true,
      placeEn: true,
      programme: { select: { titleZh: true, titleEn: true } },
      _count: { select: { bookings: { where: { status: 'confirmed' } } } },
    },
  })
  return sessions
    .filter((s) => meetingDays(s).includes(today))
    .map(({ _count, ...s }) => ({ ...s, today: meetingTimes(s, today), confirmed: _count.bookings }))
}
export type DoorSession = Awaited<ReturnType<typeof doorSessionsToday>>[number]

/**
 * What the phone keeps for the day: for each booking of the chosen sessions (in the organiser's
 * scope and meeting today), the attendee's name as the roster shows it, the booking's status,
 * the pick-up people (name and relation, no phones), a flag where a health note says allergy
 * or medicine (never the text), and today's record. Null when a session is not the organiser's
 * or does not meet today. The flag comes from the health notes, so the look is on record.
 */
export async function doorList(user: SignedInUser, sessionIds: string[], now = new Date()) {
  const today = shanghaiDay(now)
  const sessions = (await doorSessionsToday(user, now)).filter((s) => sessionIds.includes(s.id))
  if (sessions.length !== new Set(sessionIds).size) return null
  const bookings = await db.booking.findMany({
    where: { sessionId: { in: sessionIds }, status: { in: ['confirmed', 'offered', 'waitlisted'] } },
    orderBy: { createdAt: 'asc' },
    select: {
      id: true,
      sessionId: true,
      status: true,
      badgeNo: true,
      booker: { select: { name: true } },
      attendeeUser: { select: { name: true } },
      child: {
        select: { name: true, notes: true, pickups: { orderBy: { createdAt: 'asc' }, select: { id: true, name: true, relation: true } } },
      },
      attendance: { where: { day: today }, select: attendanceSelect },
    },
  })
  const bySession = new Map(sessions.map((s) => [s.id, s]))
  // the answers to questions the organiser marked for the door (never a sensitive one)
  const doorQuestions = (
    await db.question.findMany({
      where: { atDoor: true, sensitive: false, removedAt: null, programme: { sessions: { some: { id: { in: sessionIds } } } } },
      orderBy: { position: 'asc' },
      select: { id: true, type: true, labelZh: true, labelEn: true, options: true },
    })
  ).map((q) => ({ ...q, options: optionsOf(q.options) }))
  const answers = doorQuestions.length
    ? await answersOfBookings(bookings.map((b) => b.id))
    : new Map<string, { questionId: string; value: string }[]>()
  const people = bookings.map((b) => {
    const session = bySession.get(b.sessionId)!
    const detailsOpen = now <= personalDetailsUntil(session)
    const record = b.attendance[0]
    return {
      bookingId: b.id,
      sessionId: b.sessionId,
      name: b.child?.name ?? b.attendeeUser?.name ?? b.booker.name,
      guardian: b.child ? b.booker.name : null,
      isChild: Boolean(b.child),
      status: b.status,
      badgeNo: b.badgeNo,
      medical: Boolean(detailsOpen && holdsSeat(b.status) && b.child?.notes && isMedicalNote(decryptField(b.child.notes) ?? '')),
      pickups: detailsOpen && b.child ? b.child.pickups : [],
      answers: doorQuestions.flatMap((q) => {
        const answer = answers.get(b.id)?.find((a) => a.questionId === q.id)
        return answer
          ? [
              {
                labelZh: q.labelZh,
                labelEn: q.labelEn,
                textZh: answerText(q, answer.value, 'zh-CN'),
                textEn: answerText(q, answer.value, 'en'),
              },
            ]
          : []
      }),
      today: record
        ? { state: record.status, arrivedAt: record.arrivedAt, leftAt: record.leftAt, by: record.collectedByName }
        : { state: 'expected', arrivedAt: null, leftAt: null, by: null },
    }
  })
  await write(async (tx) => {
    for (const session of sessions) {
      await writeAudit(tx, {
        actorId: user.id,
        action: 'door.list-kept',
        entity: 'Session',
        entityId: session.id,
        data: { day: today, people: people.filter((p) => p.sessionId === session.id).length },
      })
      // the flags come from the health notes: a look at them, as the roster's is
      if (people.some((p) => p.sessionId === session.id && p.medical))
        await writeAudit(tx, { actorId: user.id, action: 'roster.notes-viewed', entity: 'Session', entityId: session.id })
    }
  })
  return {
    userId: user.id,
    day: today,
    // the phone drops the list at the end of the day
    expiresAt: shanghaiTime(addDays(today, 1)),
    savedAt: now,
    sessions: sessions.map((s) => ({
      id: s.id,
      titleZh: s.programme.titleZh,
      titleEn: s.programme.titleEn,
      placeZh: s.placeZh,
      placeEn: s.placeEn,
      startsAt: s.today.startsAt,
      endsAt: s.today.endsAt,
    })),
    people,
  }
}
export type DoorList = NonNullable<Awaited<ReturnType<typeof doorList>>>

/** The door without scripts (or without a camera): today's bookings whose attendee's or guardian's name holds `q`. */
export async function searchDoor(user: SignedInUser, q: string, now = new Date()) {
  const sessions = await doorSessionsToday(user, now)
  if (!q || sessions.length === 0) return []
  const bookings = await db.booking.findMany({
    where: {
      sessionId: { in: sessions.map((s) => s.id) },
      status: { in: ['confirmed', 'offered', 'waitlisted'] },
      OR: [{ child: { name: { contains: q } } }, { attendeeUser: { name: { contains: q } } }, { booker: { name: { contains: q } } }],
    },
    take: 30,
    orderBy: { createdAt: 'asc' },
    select: {
      id: true,
      sessionId: true,
      status: true,
      booker: { select: { name: true } },
      attendeeUser: { select: { name: true } },
      child: { select: { name: true } },
    },
  })
  const titles = new Map(sessions.map((s) => [s.id, s.programme]))
  return bookings.map((b) => ({
    bookingId: b.id,
    status: b.status,
    name: b.child?.name ?? b.attendeeUser?.name ?? b.booker.name,
    guardian: b.child ? b.booker.name : null,
    programme: titles.get(b.sessionId)!,
  }))
}
