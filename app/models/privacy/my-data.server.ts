import { strToU8, zipSync } from 'fflate'
import { writeAudit } from '~/models/audit/audit.server'
import { toCsv } from '~/utils/csv.server'
import { db, write } from '~/utils/db.server'
import { decryptField } from '~/utils/field-crypto.server'
import { attendanceSelect } from '~/models/attendance/days.server'
import { answerText, optionsOf } from '~/models/questions/definitions'
import { entryAnswers } from '~/models/lottery/entries.server'
import { openEntry } from '~/models/matching/entry.server'

/**
 * Everything Carnation holds about a member and their children (PIPL: the right to a copy),
 * read with the member's id in every where clause. Secrets are left out: the password hash,
 * the calendar-feed token and one-time links are not information about the person.
 */
export async function collectMyData(userId: string, now = new Date()) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      emailVerifiedAt: true,
      name: true,
      phone: true,
      gender: true,
      birthDate: true,
      memberNo: true,
      memberVerifiedAt: true,
      locale: true,
      remindersOff: true,
      role: true,
      noticeVersion: true,
      createdAt: true,
    },
  })
  const [children, bookings, consents, mail, activity, applications] = await Promise.all([
    db.child.findMany({
      where: { guardianId: userId },
      orderBy: { createdAt: 'asc' },
      select: {
        id: true,
        name: true,
        birthDate: true,
        gender: true,
        notes: true,
        createdAt: true,
        pickups: { orderBy: { createdAt: 'asc' }, select: { name: true, relation: true, phone: true, createdAt: true } },
      },
    }),
    db.booking.findMany({
      where: { OR: [{ bookerId: userId }, { attendeeUserId: userId }, { child: { guardianId: userId } }] },
      orderBy: { createdAt: 'asc' },
      select: {
        id: true,
        status: true,
        childId: true,
        attendeeUserId: true,
        quotaCategory: true,
        waitlistSeq: true,
        offerExpiresAt: true,
        cancelledAt: true,
        attendance: { orderBy: { day: 'asc' }, select: attendanceSelect },
        answers: {
          orderBy: { createdAt: 'asc' },
          select: { value: true, updatedAt: true, question: { select: { labelZh: true, type: true, options: true, sensitive: true } } },
        },
        doorRecords: {
          orderBy: { deviceAt: 'asc' },
          select: { day: true, kind: true, collectorName: true, reason: true, deviceAt: true, receivedAt: true, outcome: true },
        },
        badgeNo: true,
        choiceEntry: { select: { sealed: true, updatedAt: true } },
        feedback: { select: { askedAt: true, rating: true, comment: true, answeredAt: true } },
        cancelReason: true,
        createdAt: true,
        session: { select: { startsAt: true, endsAt: true, placeZh: true, programme: { select: { titleZh: true, titleEn: true } } } },
      },
    }),
    db.consent.findMany({
      where: { userId },
      orderBy: { grantedAt: 'asc' },
      select: { kind: true, childId: true, noticeVersion: true, grantedAt: true, withdrawnAt: true },
    }),
    db.outboxMessage.findMany({
      // by account: an address that changed hands does not bring its earlier holder's mail
      where: { userId },
      orderBy: { createdAt: 'asc' },
      select: { kind: true, status: true, createdAt: true, sentAt: true },
    }),
    db.auditLog.findMany({
      where: { actorId: userId },
      orderBy: { createdAt: 'asc' },
      select: { action: true, entity: true, createdAt: true },
    }),
    db.lotteryEntry.findMany({
      where: { applicantId: userId },
      orderBy: { createdAt: 'asc' },
      select: {
        attendees: true,
        choices: true,
        together: true,
        code: true,
        createdAt: true,
        updatedAt: true,
        answersSealed: true,
        programme: { select: { titleZh: true, titleEn: true } },
      },
    }),
  ])
  return {
    exportedAt: now.toISOString(),
    account: user,
    children: children.map(({ pickups: _pickups, ...c }) => ({ ...c, notes: decryptField(c.notes) })),
    // who each child may be collected by (the guardian's list)
    pickupPeople: children.flatMap((c) => c.pickups.map((p) => ({ child: c.name, ...p }))),
    bookings: bookings.map(
      ({ session, attendance: _days, doorRecords: _door, answers: _answers, choiceEntry: _choice, feedback: _feedback, ...b }) => ({
        ...b,
        programme: session.programme.titleZh,
        programmeEn: session.programme.titleEn,
        startsAt: session.startsAt,
        endsAt: session.endsAt,
        place: session.placeZh,
      }),
    ),
    // every meeting day recorded: arrived, collected (by whom), absent, excused (and why)
    attendance: bookings.flatMap((b) => b.attendance.map((a) => ({ programme: b.session.programme.titleZh, ...a }))),
    // what I answered to each programme's registration questions (a sensitive answer opened for me)
    answers: bookings.flatMap((b) =>
      b.answers.map((a) => {
        const value = a.question.sensitive ? (decryptField(a.value) ?? '') : a.value
        return {
          programme: b.session.programme.titleZh,
          booking: b.id,
          question: a.question.labelZh,
          answer: answerText({ type: a.question.type, options: optionsOf(a.question.options) }, value, 'zh-CN'),
          updatedAt: a.updatedAt,
        }
      }),
    ),
    // what the organisers' phones at the door recorded (each as it was sent, with the phone's time)
    doorRecords: bookings.flatMap((b) => b.doorRecords.map((r) => ({ programme: b.session.programme.titleZh, ...r }))),
    // a social's mutual-choice round (互选), until its choices are deleted: what I agreed to share and whom I chose
    mutualChoice: bookings.flatMap((b) =>
      b.choiceEntry
        ? [
            {
              programme: b.session.programme.titleZh,
              badgeNo: b.badgeNo,
              ...openEntry(b.choiceEntry.sealed),
              updatedAt: b.choiceEntry.updatedAt,
            },
          ]
        : [],
    ),
    // the word afterwards: asked once per booking, the rating and comment given from the mail's link
    feedback: bookings.flatMap((b) => (b.feedback ? [{ programme: b.session.programme.titleZh, bookingId: b.id, ...b.feedback }] : [])),
    consents,
    mail,
    activity,
    // lottery applications (摇号): whom for (child or own ids) and the ranked session ids, as applied
    lotteryApplications: applications.map(({ programme, answersSealed, ...a }) => ({
      ...a,
      programme: programme.titleZh,
      programmeEn: programme.titleEn,
      // the answers given with the application (opened for their owner), as JSON
      answers: JSON.stringify(entryAnswers(answersSealed)),
    })),
  }
}

export type MyData = Awaited<ReturnType<typeof collectMyData>>

/** The same copy as a zip of CSV files (one per kind of record), for Excel. */
export function myDataZip(data: MyData) {
  const sheet = <T extends Record<string, unknown>>(rows: T[]) => {
    const columns = rows.length ? Object.keys(rows[0]) : []
    return strToU8(toCsv([columns, ...rows.map((r) => columns.map((c) => cell(r[c])))]))
  }
  return zipSync({
    'account.csv': sheet([data.account]),
    'children.csv': sheet(data.children),
    'bookings.csv': sheet(data.bookings),
    'answers.csv': sheet(data.answers),
    'attendance.csv': sheet(data.attendance),
    'door-records.csv': sheet(data.doorRecords),
    'pickup-people.csv': sheet(data.pickupPeople),
    'feedback.csv': sheet(data.feedback),
    'consents.csv': sheet(data.consents),
    'mail.csv': sheet(data.mail),
    'activity.csv': sheet(data.activity),
    'lottery-applications.csv': sheet(data.lotteryApplications),
    'mutual-choice.csv': sheet(data.mutualChoice.map((e) => ({ ...e, choices: e.choices.join(' ') }))),
  })
}

function cell(value: unknown): string | number | null {
  if (value instanceof Date) return value.toISOString()
  if (value === null || value === undefined) return null
  if (typeof value === 'number') return value
  return String(value)
}

/** A copy handed out is recorded (who asked, which format), never its content. */
export function recordExport(userId: string, format: 'json' | 'csv', actorId = userId) {
  return write((tx) => writeAudit(tx, { actorId, action: 'privacy.exported', entity: 'User', entityId: userId, data: { format } }))
}
