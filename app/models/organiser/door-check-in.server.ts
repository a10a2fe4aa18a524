import { sessionWhenSelect } from '~/models/programme/selects'
import { holdsSeat } from '~/models/booking/constants'
import type { SignedInUser } from '~/models/user/login.server'
import { db } from '~/utils/db.server'
import { decryptField } from '~/utils/field-crypto.server'
import { attendanceSelect } from '~/models/attendance/days.server'
import { shanghaiDay } from '~/utils/time'
import { answersOfBookings } from '~/models/questions/answers.server'
import { optionsOf } from '~/models/questions/definitions'
import { isSessionDay } from './roster-actions.server'
import { personalDetailsUntil } from './roster.server'
import { programmeScope } from './scope.server'

/** A booking as its session's organisers see it at the door; others get nothing. */
export async function findBookingForDoor(user: SignedInUser, bookingId: string, now = new Date()) {
  const booking = await db.booking.findFirst({
    where: { id: bookingId, session: { programme: programmeScope(user) } },
    select: {
      id: true,
      status: true,
      sessionId: true,
      badgeNo: true,
      attendance: { select: attendanceSelect },
      child: {
        select: {
          name: true,
          notes: true,
          pickups: { orderBy: { createdAt: 'asc' }, select: { id: true, name: true, relation: true, phone: true } },
        },
      },
      booker: { select: { name: true } },
      attendeeUser: { select: { name: true } },
      session: {
        select: {
          ...sessionWhenSelect,
          programme: {
            select: {
              titleZh: true,
              titleEn: true,
              questions: { orderBy: { position: 'asc' }, select: { id: true, type: true, labelZh: true, labelEn: true, options: true } },
            },
          },
        },
      },
    },
  })
  if (!booking) return null
  // notes only for a child holding a seat, around the session (as on the roster)
  const detailsOpen = now <= personalDetailsUntil(booking.session)
  const notesOpen = holdsSeat(booking.status) && detailsOpen
  // the pick-up list, like the phones on the roster: only around the session
  const child = booking.child
    ? { ...booking.child, notes: notesOpen ? decryptField(booking.child.notes) : null, pickups: detailsOpen ? booking.child.pickups : [] }
    : null
  const day = shanghaiDay(now)
  const today = booking.attendance.find((a) => a.day === day) ?? null
  // the booking's answers: a sensitive one under the notes' rules (the caller records the look)
  const answers = ((await answersOfBookings([booking.id])).get(booking.id) ?? []).filter((a) => !a.sensitive || notesOpen)
  const questions = booking.session.programme.questions.map((q) => ({
    ...q,
    options: optionsOf(q.options),
  }))
  return {
    ...booking,
    child,
    sessionDay: isSessionDay(booking.session, now),
    today,
    questions,
    answers: Object.fromEntries(answers.map((a) => [a.questionId, a.value])) as Record<string, string>,
    sensitiveShown: answers.some((a) => a.sensitive),
  }
}
