import ICAL from 'ical.js'
import { describe, expect, test } from 'vitest'
import { bookSession } from '~/models/booking/book-session.server'
import { cancelBooking } from '~/models/booking/cancel-booking.server'
import { deliverBatches } from '~/models/mail/mail-worker.server'
import { deliverDueMail } from '~/models/mail/outbox-worker.server'
import { rescheduleSession } from '~/models/programme/reschedule-session.server'
import { db } from '~/utils/db.server'
import { addDays, shanghaiTime } from '~/utils/time'
import { DAY, icalDate, testClock } from '../clock'
import { createChild, createDepartment, createProgramme, createSession, createUser } from '../factories'
import { calendarOf, startSmtpSink, useSmtpSink } from './smtp-sink'
import nodemailer from 'nodemailer'
import { parseEnv } from '~/utils/env.server'
import { smtpOptions } from '~/utils/mail-transport.server'

const smtp = useSmtpSink()

const FROM = 'Carnation <no-reply@carnation.test>'
// the outbox stamps messages with the real time, so the worker runs on the same clock
const deliver = (now = new Date(), owner = 'test-worker') =>
  deliverDueMail({ owner, transporter: smtp.current.transporter(), from: FROM, now })

// The demo camp's shape, about three months ahead of the test's clock: three weeks of
// weekdays from a Monday, with the second Wednesday a holiday.
function campDates(clock = testClock()) {
  const first = clock.mondayAfter(90)
  return { first, last: addDays(first, 18), holiday: addDays(first, 9) }
}

function parseInvite(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text))
  const event = calendar.getFirstSubcomponent('vevent')!
  return {
    method: calendar.getFirstPropertyValue('method'),
    uid: event.getFirstPropertyValue('uid'),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    summary: String(event.getFirstPropertyValue('summary')),
    location: String(event.getFirstPropertyValue('location')),
    rrule: event.getFirstPropertyValue('rrule'),
    dtstart: event.getFirstProperty('dtstart')!,
    hasTimezone: calendar.getAllSubcomponents('vtimezone').length > 0,
    text,
  }
}

async function bookedMember(options: { locale?: string; camp?: boolean } = {}) {
  const clock = testClock()
  const { first, last, holiday } = campDates(clock)
  const dept = await createDepartment(db, { email: 'women@union.example.cn', nameZh: '女工部', nameEn: 'Women Workers' })
  const programme = await createProgramme(
    db,
    dept.id,
    {
      titleZh: '暑托班',
      titleEn: 'Summer camp',
      audience: options.camp ? 'child' : 'self',
    },
    clock.now,
  )
  const session = await createSession(
    db,
    programme.id,
    {
      startsAt: shanghaiTime(first, '08:30'),
      endsAt: shanghaiTime(first, '17:00'),
      ...(options.camp ? { repeatDays: 'MO,TU,WE,TH,FR', repeatUntil: shanghaiTime(last, '17:00'), excludedDates: holiday } : {}),
    },
    clock.now,
  )
  const member = await createUser(db, { locale: options.locale ?? 'zh-CN', name: '王芳' })
  const child = options.camp ? await createChild(db, member.id, { name: '李小明', notes: '花生过敏' }) : null
  const [outcome] = await bookSession({
    userId: member.id,
    sessionId: session.id,
    attendees: [child ? { kind: 'child', childId: child.id } : { kind: 'self', userId: member.id }],
    now: clock.now,
  })
  const bookingId = 'bookingId' in outcome ? outcome.bookingId : ''
  return { clock, member, session, bookingId, booking: await db.booking.findUniqueOrThrow({ where: { id: bookingId } }) }
}

describe('mail and calendar invites', () => {
  test('confirm → REQUEST; change → same UID, higher SEQUENCE; cancel → CANCEL, same UID', async () => {
    const { clock, member, session, bookingId, booking } = await bookedMember()
    const camp = campDates(clock)
    expect(await deliver()).toEqual({ sent: 1, retried: 0, failed: 0, held: 0 })
    const confirmation = smtp.current.received[0].parsed
    expect(confirmation.subject).toBe('报名成功：暑托班')
    expect(confirmation.text).toContain('王芳')
    expect(confirmation.html).toContain('lang="zh-CN"')
    const invite = calendarOf(confirmation)!
    expect(invite.contentType).toMatch(/text\/calendar/)
    expect(smtp.current.received[0].raw.toString()).toMatch(/text\/calendar; charset=utf-8; method=REQUEST/i)
    const first = parseInvite(invite.text)
    expect(first).toMatchObject({ method: 'REQUEST', uid: booking.icalUid, sequence: 0, hasTimezone: true })
    expect(first.dtstart.getParameter('tzid')).toBe('Asia/Shanghai')
    expect(String(first.dtstart.getFirstValue())).toBe(`${camp.first}T08:30:00`)

    await rescheduleSession(
      session.id,
      { startsAt: shanghaiTime(camp.first, '09:00'), endsAt: shanghaiTime(camp.first, '17:30'), placeZh: '新地点', placeEn: 'New place' },
      null,
    )
    await deliver()
    const update = parseInvite(calendarOf(smtp.current.received[1].parsed)!.text)
    expect(update).toMatchObject({ method: 'REQUEST', uid: booking.icalUid, sequence: 1, location: '新地点' })

    expect(await cancelBooking({ bookingId, userId: member.id, now: clock.plus(DAY) })).toMatchObject({ ok: true })
    await deliver()
    const cancel = smtp.current.received[2]
    expect(cancel.raw.toString()).toMatch(/method=CANCEL/i)
    expect(parseInvite(calendarOf(cancel.parsed)!.text)).toMatchObject({ method: 'CANCEL', uid: booking.icalUid, sequence: 2 })
  })

  test('a camp term is one event with a weekly RRULE and holidays excluded; the child is named, notes are not', async () => {
    const { clock } = await bookedMember({ camp: true, locale: 'en' })
    const { holiday } = campDates(clock)
    await deliver()
    const mail = smtp.current.received[0].parsed
    expect(mail.subject).toBe('Booked: Summer camp')
    const invite = parseInvite(calendarOf(mail)!.text)
    expect(String(invite.rrule)).toMatch(/FREQ=WEEKLY/)
    expect(String(invite.rrule)).toMatch(/BYDAY=MO,TU,WE,TH,FR/)
    expect(invite.text).toContain(`EXDATE;TZID=Asia/Shanghai:${icalDate(holiday)}T083000`)
    expect(invite.summary).toContain('李小明')
    expect(invite.text).not.toContain('花生')
    expect(invite.text).not.toMatch(/token=/)
    expect((invite.text.match(/BEGIN:VEVENT/g) ?? []).length).toBe(1)
  })

  test('SMTP down for a while: bookings go on, then every message arrives exactly once', async () => {
    await smtp.current.stop()
    for (let i = 0; i < 3; i++) await bookedMember()
    const t0 = new Date()
    expect(await db.booking.count({ where: { status: 'confirmed' } })).toBe(3)
    const down = await deliver(t0)
    expect(down).toEqual({ sent: 0, retried: 3, failed: 0, held: 0 })
    const pending = await db.outboxMessage.findMany()
    expect(pending.every((m) => m.status === 'pending' && m.attempts === 1 && m.lastError)).toBe(true)
    // nothing is retried before its backoff
    await smtp.current.start()
    expect(await deliver(new Date(t0.getTime() + 1000))).toEqual({ sent: 0, retried: 0, failed: 0, held: 0 })
    expect(await deliver(new Date(t0.getTime() + 31_000))).toEqual({ sent: 3, retried: 0, failed: 0, held: 0 })
    expect(await deliver(new Date(t0.getTime() + 3_600_000))).toEqual({ sent: 0, retried: 0, failed: 0, held: 0 })
    expect(smtp.current.received).toHaveLength(3)
    expect(new Set(smtp.current.received.map((r) => r.parsed.messageId)).size).toBe(3)
  })

  test('a temporary 4xx reply is retried; a permanent 5xx is parked as failed with the reply', async () => {
    await bookedMember()
    smtp.current.reject(451, 'Greylisted, try again later')
    expect(await deliver()).toEqual({ sent: 0, retried: 1, failed: 0, held: 0 })
    smtp.current.reject(550, 'Mailbox unavailable')
    expect(await deliver(new Date(Date.now() + 60_000))).toEqual({ sent: 0, retried: 0, failed: 1, held: 0 })
    const message = await db.outboxMessage.findFirstOrThrow()
    expect(message.status).toBe('failed')
    expect(message.lastError).toMatch(/550/)
    expect(message.attempts).toBe(2)
    smtp.current.accept()
    expect(await deliver(new Date(Date.now() + 3_600_000))).toEqual({ sent: 0, retried: 0, failed: 0, held: 0 })
    expect(smtp.current.received).toHaveLength(0)
  })

  test('two workers on one outbox never send a message twice', async () => {
    for (let i = 0; i < 6; i++) await bookedMember()
    const [a, b] = await Promise.all([deliver(new Date(), 'worker-a'), deliver(new Date(), 'worker-b')])
    expect(a.sent + b.sent).toBe(6)
    expect(smtp.current.received).toHaveLength(6)
    expect(await db.outboxMessage.count({ where: { status: 'sent' } })).toBe(6)
  })

  test('after a rush: a tick goes on batch after batch, but past its first only while no request waits in line', async () => {
    for (let i = 0; i < 45; i++) await bookedMember()
    const options = { owner: 'rush-worker', transporter: smtp.current.transporter(), from: FROM, batch: 20 }
    // requests waiting: the first batch goes, the rest waits for a quieter tick
    let asked = 0
    await deliverBatches(options, () => (asked++, true))
    expect(smtp.current.received).toHaveLength(20)
    expect(asked).toBe(1)
    // nobody waiting: batches until one comes back short
    await deliverBatches(options, () => false)
    expect(smtp.current.received).toHaveLength(45)
    expect(await db.outboxMessage.count({ where: { status: 'sent' } })).toBe(45)
  })

  test('a worker that died mid-send: its lease expires and the message is sent by another', async () => {
    await bookedMember()
    const now = new Date()
    // worker "dead" claimed it and never came back
    await db.outboxMessage.updateMany({ data: { status: 'sending', leaseOwner: 'dead', leaseUntil: new Date(now.getTime() + 1000) } })
    expect(await deliver(now)).toEqual({ sent: 0, retried: 0, failed: 0, held: 0 })
    expect(await deliver(new Date(now.getTime() + 2000))).toEqual({ sent: 1, retried: 0, failed: 0, held: 0 })
  })

  test('the outbox row rolls back with a failed booking', async () => {
    const { now } = testClock()
    const dept = await createDepartment(db)
    const programme = await createProgramme(db, dept.id, { audience: 'child', perBookerLimit: 1 }, now)
    const session = await createSession(db, programme.id, {}, now)
    const parent = await createUser(db)
    const [a, b] = await Promise.all([createChild(db, parent.id), createChild(db, parent.id)])
    const outcomes = await bookSession({
      userId: parent.id,
      sessionId: session.id,
      attendees: [a, b].map((c) => ({ kind: 'child' as const, childId: c.id })),
    })
    expect(outcomes.map((o) => o.result)).toEqual(['confirmed', 'refused'])
    // the second booking got as far as writing its mail before the limit rolled it back
    expect(await db.outboxMessage.count()).toBe(1)
    expect(await db.booking.count()).toBe(1)
  })
})

describe('SMTP over STARTTLS is required, not hoped for', () => {
  // the sink offers no STARTTLS: a server that does not (or a man in the middle that strips it)
  test('a server without STARTTLS fails the send, nothing goes in clear; SMTP_REQUIRE_TLS=false allows a local relay', async () => {
    const sink = await startSmtpSink()
    try {
      const env = (extra: Record<string, string>) => parseEnv({ SMTP_URL: `smtp://127.0.0.1:${sink.port}`, ...extra })
      const mail = { from: 'a@carnation.test', to: 'b@example.cn', subject: 's', text: 't' }
      const strict = nodemailer.createTransport(smtpOptions(env({}))!)
      await expect(strict.sendMail(mail)).rejects.toThrow(/STARTTLS|TLS/i)
      expect(sink.received).toHaveLength(0)
      const relay = nodemailer.createTransport(smtpOptions(env({ SMTP_REQUIRE_TLS: 'false' }))!)
      await relay.sendMail(mail)
      expect(sink.received).toHaveLength(1)
      // implicit TLS needs no STARTTLS; the parts form follows the same rule
      expect(smtpOptions(parseEnv({ SMTP_URL: 'smtps://mail.example.cn' }))).toMatchObject({ secure: true, requireTLS: false, port: 465 })
      expect(smtpOptions(parseEnv({ SMTP_HOST: 'mail.example.cn' }))).toMatchObject({ secure: false, requireTLS: true, port: 587 })
    } finally {
      await sink.stop()
    }
  })
})
