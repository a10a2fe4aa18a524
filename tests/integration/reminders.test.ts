import ICAL from 'ical.js'
import nodeIcal, { type VEvent } from 'node-ical'
import { describe, expect, test } from 'vitest'
import { bookSession } from '~/models/booking/book-session.server'
import { cancelBooking } from '~/models/booking/cancel-booking.server'
import { bookingIcs } from '~/models/mail/calendar.server'
import { deliverDueMail } from '~/models/mail/outbox-worker.server'
import { collectMyData } from '~/models/privacy/my-data.server'
import { eraseAccount } from '~/models/privacy/erase.server'
import { applyRetention } from '~/models/privacy/retention.server'
import { meetingDays } from '~/models/programme/recurrence'
import { rescheduleSession } from '~/models/programme/reschedule-session.server'
import { answerFeedback, feedbackLink } from '~/models/reminders/feedback.server'
import { askForFeedback, sendDueReminders } from '~/models/reminders/send.server'
import * as feedbackPage from '~/routes/feedback.$bookingId'
import * as programmePage from '~/routes/organiser.programmes.$programmeId'
import { db } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { addDays, shanghaiTime } from '~/utils/time'
import { DAY, testClock } from '../clock'
import { createDepartment, createProgramme, createSession, createUser } from '../factories'
import { loginCookie, post, statusOf } from './request'
import { useSmtpSink } from './smtp-sink'

// Reminders before meetings and the word afterwards, on both engines, with the clock passed in:
// who gets one and who does not, once per booking, meeting and rule whatever runs the job, late
// but never too late, at a moved session's new time, in the member's language, as a calendar
// alarm; and the feedback asked once after the last meeting, answered once from a signed link.

type Fn = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<unknown>
const smtp = useSmtpSink()
const deliver = (now: Date) =>
  deliverDueMail({ owner: 'reminder-test', transporter: smtp.current.transporter(), from: 'Carnation <no-reply@carnation.test>', now })

const at = (day: string, time: string) => shanghaiTime(day, time)
const RULES = [
  { type: 'days', days: 1, at: '18:00', meetings: 'every' },
  { type: 'hours', hours: 2, meetings: 'first' },
]

/** A three-Saturday course, 09:00–11:30, with the evening-before rule for every class and 2 hours before the first. */
async function course(rules: unknown[] = RULES) {
  const clock = testClock()
  const first = clock.mondayAfter(7)
  const saturday = addDays(first, 5)
  const dept = await createDepartment(db, { phone: '0515-88000009' })
  const programme = await createProgramme(
    db,
    dept.id,
    {
      kind: 'training',
      titleZh: '育婴员培训',
      titleEn: 'Childcare course',
      reminderRules: JSON.stringify(rules),
      prepareZh: '带身份证和笔记本',
      prepareEn: 'Bring your ID card and a notebook',
      contactPhone: '0515-88000001',
    },
    clock.now,
  )
  const session = await createSession(
    db,
    programme.id,
    {
      startsAt: at(saturday, '09:00'),
      endsAt: at(saturday, '11:30'),
      repeatDays: 'SA',
      repeatUntil: at(addDays(saturday, 14), '11:30'),
      placeZh: '职工服务中心 302 室',
      placeEn: 'Workers’ Centre, room 302',
      capacity: 10,
    },
    clock.now,
  )
  const days = meetingDays(session)
  const book = async (data: Parameters<typeof createUser>[1] = {}) => {
    const member = await createUser(db, data)
    const [outcome] = await bookSession({
      userId: member.id,
      sessionId: session.id,
      attendees: [{ kind: 'self', userId: member.id }],
      now: clock.now,
    })
    return { member, bookingId: (outcome as { bookingId: string }).bookingId }
  }
  return { clock, dept, programme, session, days, book }
}

const remindersOf = (bookingId: string) =>
  db.reminder.findMany({ where: { bookingId }, orderBy: [{ day: 'asc' }, { rule: 'asc' }], select: { day: true, rule: true } })
const reminderMail = (bookingId: string) => db.outboxMessage.count({ where: { bookingId, kind: 'reminder' } })

describe('reminders before meetings', () => {
  test('rules for the first and every meeting: cancelled, opted-out and excused get none; each once, even with two instances at once', async () => {
    const { days, book, clock } = await course()
    expect(days).toHaveLength(3)
    const ana = await book({ name: '安娜' })
    const bo = await book({ name: 'Bo', locale: 'en' })
    const quiet = await book({ name: '不打扰' })
    await db.user.update({ where: { id: quiet.member.id }, data: { remindersOff: true } })
    const gone = await book({ name: '已取消' })
    expect(await cancelBooking({ bookingId: gone.bookingId, userId: gone.member.id, now: clock.now })).toMatchObject({ ok: true })
    const away = await book({ name: '请假' })
    await db.attendance.create({ data: { bookingId: away.bookingId, day: days[1], status: 'excused', excuseReason: '出差' } })
    const unverified = await book({ name: '未验证', emailVerified: false })

    const eve = (day: string, time = '18:00') => at(addDays(day, -1), time)
    expect(await sendDueReminders(eve(days[0], '17:59'))).toEqual({ sent: 0 })
    expect(await sendDueReminders(eve(days[0]))).toEqual({ sent: 3 })
    // the next tick finds them sent
    expect(await sendDueReminders(new Date(eve(days[0]).getTime() + 60_000))).toEqual({ sent: 0 })
    // two hours before the first class: the second rule
    expect(await sendDueReminders(at(days[0], '07:00'))).toEqual({ sent: 3 })
    // the evening before the second class: not the member who reported it absent
    expect(await sendDueReminders(eve(days[1]))).toEqual({ sent: 2 })
    // two instances at once on the third: one reminder each, the other instance's write refused by the key
    const both = await Promise.all([sendDueReminders(eve(days[2])), sendDueReminders(eve(days[2]))])
    expect(both[0].sent + both[1].sent).toBe(3)
    expect(await sendDueReminders(eve(days[2], '19:00'))).toEqual({ sent: 0 })

    expect(await remindersOf(ana.bookingId)).toEqual([
      { day: days[0], rule: 'd1@18:00/every' },
      { day: days[0], rule: 'h2/first' },
      { day: days[1], rule: 'd1@18:00/every' },
      { day: days[2], rule: 'd1@18:00/every' },
    ])
    expect(await remindersOf(away.bookingId)).toHaveLength(3)
    for (const none of [quiet, gone, unverified]) expect(await remindersOf(none.bookingId)).toEqual([])
    // a mail for each reminder, no more
    for (const one of [ana, bo, away]) expect(await reminderMail(one.bookingId)).toBe((await remindersOf(one.bookingId)).length)
  })

  test('a missed tick is made up while the meeting is more than 30 minutes away, never after; a moved session is reminded at its new time', async () => {
    const { days, book, session, clock } = await course([{ type: 'days', days: 1, at: '18:00', meetings: 'first' }])
    const ana = await book()
    // the job was down from the evening before until 08:29 on the day: too late (31 minutes before 09:00 is the last chance)
    expect(await sendDueReminders(at(days[0], '08:31'))).toEqual({ sent: 0 })
    expect(await sendDueReminders(at(days[0], '08:20'))).toEqual({ sent: 1 })
    // the course moves a week later: its (new) first meeting is reminded the evening before it
    const moved = addDays(days[0], 7)
    await rescheduleSession(
      session.id,
      { startsAt: at(moved, '09:00'), endsAt: at(moved, '11:30'), placeZh: session.placeZh, placeEn: session.placeEn },
      null,
    )
    expect(await sendDueReminders(at(days[0], '18:00'))).toEqual({ sent: 0 })
    expect(await sendDueReminders(at(addDays(moved, -1), '18:00'))).toEqual({ sent: 1 })
    expect((await remindersOf(ana.bookingId)).map((r) => r.day)).toEqual([days[0], moved])
    // a booking made after the moment is not reminded (its confirmation just said it all)
    const late = await book()
    await db.booking.update({ where: { id: late.bookingId }, data: { createdAt: at(addDays(moved, -1), '19:00') } })
    expect(await sendDueReminders(at(addDays(moved, -1), '20:00'))).toEqual({ sent: 0 })
    expect(clock.now.getTime()).toBeLessThan(at(days[0], '00:00').getTime())
  })

  test('the reminder says who, what, when, where, what to bring, whom to call, and how to report an absence or cancel — in each language, text and HTML', async () => {
    const { days, book } = await course()
    const ana = await book({ name: '安娜' })
    const bo = await book({ name: 'Bo Li', locale: 'en' })
    const when = at(addDays(days[0], -1), '18:00')
    await sendDueReminders(when)
    await deliver(when)
    const mailTo = async (userId: string) => {
      const { email } = await db.user.findUniqueOrThrow({ where: { id: userId } })
      // the booking's confirmation went too: the reminder is the mail whose subject says so
      const found = smtp.current.received.find(
        (m) => m.parsed.to && JSON.stringify(m.parsed.to).includes(email) && /活动提醒|Reminder/.test(m.parsed.subject ?? ''),
      )
      expect(found, `a reminder to ${email}`).toBeDefined()
      return found!.parsed
    }
    const zh = await mailTo(ana.member.id)
    expect(zh.subject).toContain('活动提醒：育婴员培训')
    for (const part of [zh.text ?? '', zh.html || '']) {
      expect(part).toContain('安娜')
      expect(part).toContain('09:00')
      expect(part).toContain('职工服务中心 302 室')
      expect(part).toContain('带身份证和笔记本')
      expect(part).toContain('0515-88000001')
      expect(part).toContain(`/me/bookings/${ana.bookingId}/days`)
      expect(part).toContain(`/me/bookings/${ana.bookingId}/cancel`)
    }
    const en = await mailTo(bo.member.id)
    expect(en.subject).toContain('Reminder: Childcare course')
    for (const part of [en.text ?? '', en.html || '']) {
      expect(part).toContain('Bo Li')
      expect(part).toContain('Workers’ Centre, room 302')
      expect(part).toContain('Bring your ID card and a notebook')
      expect(part).toContain('Report an absence')
    }
  })

  test('calendar invites carry an alarm at the first rule, read by ical.js and node-ical', async () => {
    const { book } = await course()
    const ana = await book()
    const ics = (await bookingIcs(ana.member.id, ana.bookingId, 'zh-CN'))!
    // 18:00 the evening before a 09:00 start: 15 hours before
    const calendar = new ICAL.Component(ICAL.parse(ics))
    const alarm = calendar.getFirstSubcomponent('vevent')!.getFirstSubcomponent('valarm')!
    expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY')
    expect((alarm.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds()).toBe(-15 * 3600)
    const parsed = Object.values(nodeIcal.sync.parseICS(ics)).find((c) => c?.type === 'VEVENT') as VEvent
    expect(parsed.alarms?.map((a) => [a.action, String(a.trigger)])).toEqual([['DISPLAY', '-PT15H']])
    // no rules, no alarm
    const { book: bookQuiet } = await course([])
    const quiet = await bookQuiet()
    expect(await bookingIcs(quiet.member.id, quiet.bookingId, 'zh-CN')).not.toContain('BEGIN:VALARM')
  })
})

describe('the word afterwards', () => {
  test('asked once per booking after the last meeting; answered once from the signed link; a tampered link is refused', async () => {
    const { days, book, session } = await course([])
    const ana = await book()
    const bo = await book()
    const cancelled = await book()
    await db.booking.update({ where: { id: cancelled.bookingId }, data: { status: 'cancelled', activeKey: null } })
    const last = days[days.length - 1]
    // not before the last class has ended
    expect(await askForFeedback(at(last, '11:00'))).toEqual({ asked: 0 })
    expect(await askForFeedback(at(last, '12:00'))).toEqual({ asked: 2 })
    expect(await askForFeedback(at(last, '13:00'))).toEqual({ asked: 0 })
    expect(await db.outboxMessage.count({ where: { kind: 'feedback-request', booking: { sessionId: session.id } } })).toBe(2)

    const link = new URL(feedbackLink(ana.bookingId, 'zh-CN'))
    const token = link.searchParams.get('token')!
    expect(link.pathname).toBe(`/feedback/${ana.bookingId}`)
    const answer = (bookingId: string, fields: Record<string, string>) =>
      statusOf(() => (feedbackPage.action as Fn)({ request: post(`/feedback/${bookingId}`, fields), params: { bookingId }, context: {} }))
    // hostile input: no rating, a rating out of range, a comment too long, a link for another booking
    expect(await answer(ana.bookingId, { token })).toBe(400)
    expect(await answer(ana.bookingId, { token, rating: '9' })).toBe(400)
    expect(await answer(ana.bookingId, { token, rating: '4', comment: '长'.repeat(1001) })).toBe(400)
    expect(await answer(bo.bookingId, { token, rating: '1' })).toBe(404)
    expect(await answer(ana.bookingId, { token: `${token.slice(0, -2)}xx`, rating: '1' })).toBe(404)
    expect(await answer(ana.bookingId, { token, rating: '4', comment: '老师讲得很好' })).toBe(200)
    // once: the second answer is refused and the first kept
    expect(await answer(ana.bookingId, { token, rating: '1', comment: '改主意了' })).toBe(409)
    expect(await db.feedback.findUniqueOrThrow({ where: { bookingId: ana.bookingId } })).toMatchObject({
      rating: 4,
      comment: '老师讲得很好',
    })
    expect(await answerFeedback(bo.bookingId, 'not-a-token', { rating: 5, comment: null })).toEqual({
      ok: false,
      error: 'feedback.linkInvalid',
    })
    // the page: a bad link is a 404, the good one shows the form
    const open = (bookingId: string, query: string) =>
      statusOf(() =>
        (feedbackPage.loader as Fn)({
          request: new Request(`http://localhost/feedback/${bookingId}?${query}`),
          params: { bookingId },
          context: {},
        }),
      )
    expect(await open(bo.bookingId, `token=${token}`)).toBe(404)
    expect(await open(ana.bookingId, `token=${token}&rating=7`)).toBe(400)
    expect(await open(ana.bookingId, `token=${token}`)).toBe(200)
  })

  test("organisers see the average, count and comments of their own department's programmes only; the comment is the member's data", async () => {
    const { days, book, programme, dept } = await course([])
    const ana = await book()
    await askForFeedback(at(days[days.length - 1], '12:00'))
    const token = new URL(feedbackLink(ana.bookingId, 'zh-CN')).searchParams.get('token')!
    await answerFeedback(ana.bookingId, token, { rating: 5, comment: '孩子很喜欢' })

    const page = (cookie: string) =>
      (programmePage.loader as Fn)({
        request: new Request(`http://localhost/organiser/programmes/${programme.id}`, { headers: { Cookie: cookie } }),
        params: { programmeId: programme.id },
        context: {},
      })
    const own = await loginCookie((await createUser(db, { role: 'organiser', departmentId: dept.id })).id)
    const other = await loginCookie((await createUser(db, { role: 'organiser', departmentId: (await createDepartment(db)).id })).id)
    const loaded = (await page(own)) as { feedback: { overall: { asked: number; answered: number; average: number; comments: unknown[] } } }
    expect(loaded.feedback.overall).toMatchObject({ asked: 1, answered: 1, average: 5, comments: [{ rating: 5, comment: '孩子很喜欢' }] })
    expect(JSON.stringify(loaded.feedback)).not.toContain(ana.member.name)
    expect(await statusOf(() => page(other))).toBe(404)

    // a copy of my data has it; erasing the account takes the comment and keeps the rating (unnamed)
    expect((await collectMyData(ana.member.id)).feedback).toMatchObject([{ rating: 5, comment: '孩子很喜欢' }])
    await eraseAccount({ userId: ana.member.id, actorId: ana.member.id })
    expect(await db.feedback.findUniqueOrThrow({ where: { bookingId: ana.bookingId } })).toMatchObject({ rating: 5, comment: null })
  })

  test('retention drops comments answered longer ago than bookings are kept', async () => {
    const { days, book } = await course([])
    const ana = await book()
    const end = at(days[days.length - 1], '12:00')
    await askForFeedback(end)
    const token = new URL(feedbackLink(ana.bookingId, 'zh-CN')).searchParams.get('token')!
    await answerFeedback(ana.bookingId, token, { rating: 3, comment: '一般' }, end)
    const keep = getEnv().RETAIN_BOOKINGS_DAYS * DAY
    await applyRetention(new Date(end.getTime() + keep - DAY))
    expect((await db.feedback.findUniqueOrThrow({ where: { bookingId: ana.bookingId } })).comment).toBe('一般')
    await applyRetention(new Date(end.getTime() + keep + DAY))
    expect(await db.feedback.findUniqueOrThrow({ where: { bookingId: ana.bookingId } })).toMatchObject({ rating: 3, comment: null })
  })
})
