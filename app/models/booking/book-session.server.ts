import { writeAudit } from '~/models/audit/audit.server'
import { enqueueMail } from '~/models/mail/outbox.server'
import { db, isUniqueViolation } from '~/utils/db.server'
import { attendeeKey, type Attendee, type RefusalReason } from './constants'
import { quotaCategory, refusalReason } from './eligibility'
import { tryTakeSeat } from './seats.server'

export type BookingOutcome =
  | {
      attendee: Attendee
      name: string
      result: 'confirmed' | 'waitlisted'
      bookingId: string
      existing: boolean
      waitlistSeq?: number | null
    }
  | { attendee: Attendee; name: string; result: 'offered'; bookingId: string; existing: true }
  | { attendee: Attendee; name: string; result: 'refused'; reason: RefusalReason }

class BookerLimitReached extends Error {}

/**
 * Book a session for the signed-in member or for some of their children. Each attendee
 * gets a seat if one is free (and their quota has one), else a place on the waitlist.
 * Everything that needs no lock is read first; the transaction per attendee is a handful of
 * statements (STACK.md: the SQLite connection is shared, keep it short).
 */
export async function bookSession(input: {
  userId: string
  sessionId: string
  attendees: Attendee[]
  now?: Date
}): Promise<BookingOutcome[]> {
  const now = input.now ?? new Date()
  const [session, booker] = await Promise.all([
    db.session.findUnique({
      where: { id: input.sessionId },
      select: {
        id: true,
        status: true,
        startsAt: true,
        quotas: { select: { category: true } },
        programme: {
          select: {
            status: true,
            audience: true,
            minAge: true,
            maxAge: true,
            membersOnly: true,
            bookingOpensAt: true,
            bookingClosesAt: true,
            perBookerLimit: true,
          },
        },
      },
    }),
    db.user.findUniqueOrThrow({
      where: { id: input.userId },
      select: {
        id: true,
        name: true,
        email: true,
        locale: true,
        memberNo: true,
        gender: true,
        birthDate: true,
        // ownership in the where clause: someone else's child is simply not found
        children: {
          where: { id: { in: input.attendees.flatMap((a) => (a.kind === 'child' ? [a.childId] : [])) } },
          select: { id: true, name: true, gender: true, birthDate: true },
        },
      },
    }),
  ])
  if (!session) return []
  const existing = await db.booking.findMany({
    where: { sessionId: session.id, activeKey: { in: input.attendees.map(attendeeKey) } },
    select: { id: true, activeKey: true, status: true },
  })

  const outcomes: BookingOutcome[] = []
  for (const attendee of input.attendees) {
    const person = resolveAttendee(attendee, booker)
    if (!person) {
      outcomes.push({ attendee, name: '', result: 'refused', reason: 'not-your-child' })
      continue
    }
    const key = attendeeKey(attendee)
    const already = existing.find((b) => b.activeKey === key)
    if (already) {
      outcomes.push(existingOutcome(attendee, person.name, already))
      continue
    }
    const reason = refusalReason({
      programme: session.programme,
      session,
      booker,
      attendeeKind: attendee.kind,
      attendee: person,
      now,
    })
    if (reason) {
      outcomes.push({ attendee, name: person.name, result: 'refused', reason })
      continue
    }
    const category = quotaCategory(session, person)
    outcomes.push(
      await bookOne(session.id, category, session.programme.perBookerLimit, booker, attendee, person.name, now),
    )
  }
  return outcomes
}

async function bookOne(
  sessionId: string,
  category: string | null,
  perBookerLimit: number | null,
  booker: { id: string; email: string; locale: string },
  attendee: Attendee,
  name: string,
  now: Date,
): Promise<BookingOutcome> {
  const key = attendeeKey(attendee)
  try {
    return await db.$transaction(async (tx) => {
      const seated = await tryTakeSeat(tx, sessionId, category)
      const waitlistSeq = seated
        ? null
        : (
            await tx.session.update({
              where: { id: sessionId },
              data: { waitlistSeq: { increment: 1 } },
              select: { waitlistSeq: true },
            })
          ).waitlistSeq
      const booking = await tx.booking.create({
        data: {
          sessionId,
          bookerId: booker.id,
          attendeeUserId: attendee.kind === 'self' ? attendee.userId : null,
          childId: attendee.kind === 'child' ? attendee.childId : null,
          activeKey: key,
          status: seated ? 'confirmed' : 'waitlisted',
          quotaCategory: category,
          waitlistSeq,
          createdAt: now,
        },
        select: { id: true },
      })
      await writeAudit(tx, {
        actorId: booker.id,
        action: seated ? 'booking.confirmed' : 'booking.waitlisted',
        entity: 'Booking',
        entityId: booking.id,
      })
      await enqueueMail(tx, {
        kind: seated ? 'booking-confirmed' : 'waitlisted',
        toEmail: booker.email,
        locale: booker.locale,
        bookingId: booking.id,
        payload: seated ? { invite: { method: 'REQUEST', sequence: 0 } } : {},
      })
      // last, so that going over the limit also rolls back the audit entry and the mail
      if (perBookerLimit !== null) {
        const held = await tx.booking.count({
          where: { sessionId, bookerId: booker.id, activeKey: { not: null } },
        })
        if (held > perBookerLimit) throw new BookerLimitReached()
      }
      return {
        attendee,
        name,
        result: seated ? 'confirmed' : 'waitlisted',
        bookingId: booking.id,
        existing: false,
        waitlistSeq,
      } as const
    })
  } catch (error) {
    if (error instanceof BookerLimitReached) {
      return { attendee, name, result: 'refused', reason: 'per-booker-limit' }
    }
    // a double submit raced us to the unique (sessionId, activeKey) index: return that booking
    if (isUniqueViolation(error)) {
      const already = await db.booking.findFirst({
        where: { sessionId, activeKey: key },
        select: { id: true, status: true },
      })
      if (already) return existingOutcome(attendee, name, already)
    }
    throw error
  }
}

function existingOutcome(
  attendee: Attendee,
  name: string,
  booking: { id: string; status: string },
): BookingOutcome {
  const result = booking.status as 'confirmed' | 'waitlisted' | 'offered'
  return { attendee, name, result, bookingId: booking.id, existing: true } as BookingOutcome
}

function resolveAttendee(
  attendee: Attendee,
  booker: {
    id: string
    name: string
    gender: string | null
    birthDate: Date | null
    children: { id: string; name: string; gender: string; birthDate: Date }[]
  },
) {
  if (attendee.kind === 'self') return attendee.userId === booker.id ? booker : null
  return booker.children.find((c) => c.id === attendee.childId) ?? null
}
