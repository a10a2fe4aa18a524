import { writeAuditSql } from '~/models/audit/audit.server'
import { engine } from '~/utils/db.server'
import { enqueueMailSql } from '~/models/outbox/outbox.server'
import { asDate, asDateOrNull, isUniqueViolationSql, newId, newUuid, readRows, writeTransaction, type SqlTx } from '~/utils/sql.server'
import { attendeeKey, type Attendee, type RefusalReason } from './constants'
import { quotaCategory, refusalReason } from './eligibility'
import { tryTakeSeatSql } from './seats.server'
import type { AnswerRow } from '~/models/questions/definitions'
import { attendeeToken } from '~/models/questions/answers.server'

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
  /** answers to the programme's questions, read and sealed (app/models/questions): an attendee's own and the booking's ("*") */
  answers?: AnswerRow[]
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
    outcomes.push(
      await bookOne({
        sessionId: session.id,
        category,
        perBookerLimit: session.programme.perBookerLimit,
        booker,
        attendee,
        name: person.name,
        answers: (input.answers ?? []).filter((a) => a.attendee === '*' || a.attendee === attendeeToken(attendee)),
        now,
      }),
    )
  }
  return outcomes
}

type OneBooking = {
  sessionId: string
  category: string | null
  perBookerLimit: number | null
  booker: { id: string; email: string; locale: string }
  attendee: Attendee
  name: string
  answers: AnswerRow[]
  now: Date
}

/**
 * One attendee's booking, one short transaction: a seat if the conditional updates give one,
 * else the next waitlist number; the booking row, its audit entry and its mail; the per-booker
 * limit checked last (so going over it rolls all of that back); the place in line.
 */
async function bookOne(input: OneBooking): Promise<BookingOutcome> {
  const { attendee, name } = input
  try {
    return await writeTransaction(async (tx) => {
      const seated = await tryTakeSeatSql(tx, input.sessionId, input.category, input.now)
      const waitlistSeq = seated ? null : await nextWaitlistNumber(tx, input.sessionId, input.now)
      const bookingId = await insertBooking(tx, input, seated, waitlistSeq)
      await recordBooked(tx, input, bookingId, seated)
      if (input.perBookerLimit !== null) await checkBookerLimit(tx, input.sessionId, input.booker.id, input.perBookerLimit)
      const position = waitlistSeq === null ? undefined : await placeInLine(tx, input.sessionId, waitlistSeq)
      return { attendee, name, result: seated ? 'confirmed' : 'waitlisted', bookingId, existing: false, waitlistSeq, position } as const
    })
  } catch (error) {
    if (error instanceof BookerLimitReached) {
      return { attendee, name, result: 'refused', reason: 'per-booker-limit' }
    }
    // a double submit raced us to the unique (sessionId, activeKey) index: return that booking
    if (isUniqueViolationSql(error)) {
      const [already] = await readRows<{ id: string; status: string }>(
        'SELECT "id", "status" FROM "Booking" WHERE "sessionId" = ? AND "activeKey" = ?',
        [input.sessionId, attendeeKey(attendee)],
      )
      if (already) return existingOutcome(attendee, name, already)
    }
    throw error
  }
}

/** The session's next waitlist number, taken by the update itself. */
async function nextWaitlistNumber(tx: SqlTx, sessionId: string, now: Date) {
  const [row] = await tx.all<{ waitlistSeq: number }>(
    'UPDATE "Session" SET "waitlistSeq" = "waitlistSeq" + 1, "updatedAt" = ? WHERE "id" = ? RETURNING "waitlistSeq"',
    [now, sessionId],
  )
  return row.waitlistSeq
}

/**
 * The booking row, and its answers to the programme's questions. The session's row is locked
 * from the seat taken until the commit, so on PostgreSQL both go in one statement (a round trip
 * less under the lock: the rush with five questions stays near the one without); SQLite, in
 * process, takes two.
 */
async function insertBooking(tx: SqlTx, input: OneBooking, seated: boolean, waitlistSeq: number | null) {
  const bookingId = newId()
  const { attendee, answers, now } = input
  const booking =
    'INSERT INTO "Booking" ("id", "sessionId", "bookerId", "attendeeUserId", "childId", "activeKey", "status", "quotaCategory", "waitlistSeq", "icalUid", "icalSequence", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'
  const params = [
    bookingId,
    input.sessionId,
    input.booker.id,
    attendee.kind === 'self' ? attendee.userId : null,
    attendee.kind === 'child' ? attendee.childId : null,
    attendeeKey(attendee),
    seated ? 'confirmed' : 'waitlisted',
    input.category,
    waitlistSeq,
    newUuid(),
    0,
    now,
    now,
  ]
  const answerValues = answers.map(() => '(?, ?, ?, ?, ?)').join(', ')
  const answerParams = answers.flatMap((a) => [bookingId, a.questionId, a.value, now, now])
  const insertAnswers = `INSERT INTO "Answer" ("bookingId", "questionId", "value", "createdAt", "updatedAt") VALUES ${answerValues}`
  if (answers.length === 0) await tx.run(booking, params)
  else if (engine === 'postgresql') await tx.run(`WITH "b" AS (${booking} RETURNING "id") ${insertAnswers}`, [...params, ...answerParams])
  else {
    await tx.run(booking, params)
    await tx.run(insertAnswers, answerParams)
  }
  return bookingId
}

/** The audit entry and the mail, in the booking's transaction. */
async function recordBooked(tx: SqlTx, input: OneBooking, bookingId: string, seated: boolean) {
  const { booker, now } = input
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
}

async function checkBookerLimit(tx: SqlTx, sessionId: string, bookerId: string, limit: number) {
  const [held] = await tx.all<{ n: number | string | bigint }>(
    'SELECT count(*) AS "n" FROM "Booking" WHERE "sessionId" = ? AND "bookerId" = ? AND "activeKey" IS NOT NULL',
    [sessionId, bookerId],
  )
  if (Number(held.n) > limit) throw new BookerLimitReached()
}

/** The place in line, counted in the same transaction (waitlistPosition's rule). */
async function placeInLine(tx: SqlTx, sessionId: string, waitlistSeq: number) {
  const [ahead] = await tx.all<{ n: number | string | bigint }>(
    'SELECT count(*) AS "n" FROM "Booking" WHERE "sessionId" = ? AND "status" = \'waitlisted\' AND "waitlistSeq" < ?',
    [sessionId, waitlistSeq],
  )
  return Number(ahead.n) + 1
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
