import { writeAuditSql } from '~/models/audit/audit.server'
import { enqueueMailSql } from '~/models/outbox/outbox.server'
import { asDate, asDateOrNull, isUniqueViolationSql, newId, newUuid, readRows, writeTransaction } from '~/utils/sql.server'
import { attendeeKey, type Attendee, type RefusalReason } from './constants'
import { quotaCategory, refusalReason } from './eligibility'
import { tryTakeSeatSql } from './seats.server'

export type BookingOutcome =
  | {
      attendee: Attendee
      name: string
      result: 'confirmed' | 'waitlisted'
      bookingId: string
      existing: boolean
      waitlistSeq?: number | null
      /** place on the waitlist when this booking joined it */
      position?: number
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
  if (input.attendees.length === 0) return []
  const childIds = input.attendees.flatMap((a) => (a.kind === 'child' ? [a.childId] : []))
  const [session, booker, existing] = await Promise.all([
    readSession(input.sessionId),
    readBooker(input.userId, childIds),
    readRows<{ id: string; activeKey: string; status: string }>(
      `SELECT "id", "activeKey", "status" FROM "Booking" WHERE "sessionId" = ? AND "activeKey" IN (${input.attendees.map(() => '?').join(', ')})`,
      [input.sessionId, ...input.attendees.map(attendeeKey)],
    ),
  ])
  if (!session) return []
  if (!booker) throw new Error(`booker ${input.userId} not found`)

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
    outcomes.push(await bookOne(session.id, category, session.programme.perBookerLimit, booker, attendee, person.name, now))
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
    return await writeTransaction(async (tx) => {
      const seated = await tryTakeSeatSql(tx, sessionId, category, now)
      // a number on both engines (SQLite's driver may hand back a bigint for RETURNING)
      const waitlistSeq = seated
        ? null
        : Number(
            (
              await tx.all<{ waitlistSeq: number | bigint }>(
                'UPDATE "Session" SET "waitlistSeq" = "waitlistSeq" + 1, "updatedAt" = ? WHERE "id" = ? RETURNING "waitlistSeq"',
                [now, sessionId],
              )
            )[0].waitlistSeq,
          )
      const bookingId = newId()
      await tx.run(
        'INSERT INTO "Booking" ("id", "sessionId", "bookerId", "attendeeUserId", "childId", "activeKey", "status", "quotaCategory", "waitlistSeq", "icalUid", "icalSequence", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [
          bookingId,
          sessionId,
          booker.id,
          attendee.kind === 'self' ? attendee.userId : null,
          attendee.kind === 'child' ? attendee.childId : null,
          key,
          seated ? 'confirmed' : 'waitlisted',
          category,
          waitlistSeq,
          newUuid(),
          0,
          now,
          now,
        ],
      )
      await writeAuditSql(
        tx,
        { actorId: booker.id, action: seated ? 'booking.confirmed' : 'booking.waitlisted', entity: 'Booking', entityId: bookingId },
        now,
      )
      await enqueueMailSql(
        tx,
        {
          kind: seated ? 'booking-confirmed' : 'waitlisted',
          toEmail: booker.email,
          userId: booker.id,
          locale: booker.locale,
          bookingId,
          payload: seated ? { invite: { method: 'REQUEST', sequence: 0 } } : {},
        },
        now,
      )
      // last, so that going over the limit also rolls back the audit entry and the mail
      if (perBookerLimit !== null) {
        const [held] = await tx.all<{ n: number | string }>(
          'SELECT count(*) AS "n" FROM "Booking" WHERE "sessionId" = ? AND "bookerId" = ? AND "activeKey" IS NOT NULL',
          [sessionId, booker.id],
        )
        if (Number(held.n) > perBookerLimit) throw new BookerLimitReached()
      }
      // the place in line, counted in the same transaction (waitlistPosition's rule)
      const position =
        waitlistSeq === null
          ? undefined
          : Number(
              (
                await tx.all<{ n: number | string }>(
                  'SELECT count(*) AS "n" FROM "Booking" WHERE "sessionId" = ? AND "status" = \'waitlisted\' AND "waitlistSeq" < ?',
                  [sessionId, waitlistSeq],
                )
              )[0].n,
            ) + 1
      return {
        attendee,
        name,
        result: seated ? 'confirmed' : 'waitlisted',
        bookingId,
        existing: false,
        waitlistSeq,
        position,
      } as const
    })
  } catch (error) {
    if (error instanceof BookerLimitReached) {
      return { attendee, name, result: 'refused', reason: 'per-booker-limit' }
    }
    // a double submit raced us to the unique (sessionId, activeKey) index: return that booking
    if (isUniqueViolationSql(error)) {
      const [already] = await readRows<{ id: string; status: string }>(
        'SELECT "id", "status" FROM "Booking" WHERE "sessionId" = ? AND "activeKey" = ?',
        [sessionId, key],
      )
      if (already) return existingOutcome(attendee, name, already)
    }
    throw error
  }
}

function existingOutcome(attendee: Attendee, name: string, booking: { id: string; status: string }): BookingOutcome {
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

/**
 * What booking decides on, read without Prisma (the hot path: docs/decisions/0011-hot-path.md).
 * Seat counts are not read here: the conditional updates in the transaction decide those.
 */
async function readSession(sessionId: string) {
  const [row] = await readRows<{
    id: string
    status: string
    startsAt: unknown
    programmeStatus: string
    audience: string
    minAge: number | null
    maxAge: number | null
    membersOnly: unknown
    bookingOpensAt: unknown
    bookingClosesAt: unknown
    perBookerLimit: number | null
    allocation: string
    lotteryDrawnAt: unknown
  }>(
    `SELECT s."id", s."status", s."startsAt", p."status" AS "programmeStatus", p."audience", p."minAge", p."maxAge",
            p."membersOnly", p."bookingOpensAt", p."bookingClosesAt", p."perBookerLimit", p."allocation",
            l."drawnAt" AS "lotteryDrawnAt"
       FROM "Session" s JOIN "Programme" p ON p."id" = s."programmeId" LEFT JOIN "Lottery" l ON l."programmeId" = p."id"
      WHERE s."id" = ?`,
    [sessionId],
  )
  if (!row) return null
  const quotas = await readRows<{ category: string }>('SELECT "category" FROM "Quota" WHERE "sessionId" = ?', [sessionId])
  return {
    id: row.id,
    status: row.status,
    startsAt: asDate(row.startsAt),
    quotas,
    programme: {
      status: row.programmeStatus,
      audience: row.audience,
      minAge: row.minAge,
      maxAge: row.maxAge,
      membersOnly: Boolean(row.membersOnly),
      bookingOpensAt: asDate(row.bookingOpensAt),
      bookingClosesAt: asDate(row.bookingClosesAt),
      perBookerLimit: row.perBookerLimit,
      allocation: row.allocation,
      lotteryDrawnAt: asDateOrNull(row.lotteryDrawnAt),
    },
  }
}

/** The booker, and those of the named children that are theirs (ownership in the where clause). */
async function readBooker(userId: string, childIds: string[]) {
  const [user] = await readRows<{
    id: string
    name: string
    email: string
    locale: string
    memberNo: string | null
    memberVerifiedAt: unknown
    gender: string | null
    birthDate: unknown
  }>('SELECT "id", "name", "email", "locale", "memberNo", "memberVerifiedAt", "gender", "birthDate" FROM "User" WHERE "id" = ?', [userId])
  if (!user) return null
  const children =
    childIds.length === 0
      ? []
      : await readRows<{ id: string; name: string; gender: string; birthDate: unknown }>(
          `SELECT "id", "name", "gender", "birthDate" FROM "Child" WHERE "guardianId" = ? AND "erasedAt" IS NULL AND "id" IN (${childIds.map(() => '?').join(', ')})`,
          [userId, ...childIds],
        )
  return {
    ...user,
    memberVerifiedAt: asDateOrNull(user.memberVerifiedAt),
    birthDate: asDateOrNull(user.birthDate),
    children: children.map((c) => ({ ...c, birthDate: asDate(c.birthDate) })),
  }
}
