import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { bookSession } from '~/models/booking/book-session.server'
import { cancelBooking } from '~/models/booking/cancel-booking.server'
import { composeMail } from '~/models/mail/compose.server'
import { eraseChild } from '~/models/privacy/erase.server'
import { deliverDueMail } from '~/models/mail/outbox-worker.server'
import { messageAttendees } from '~/models/organiser/roster-actions.server'
import { db } from '~/utils/db.server'
import { testClock } from '../clock'
import { createChild, createDepartment, createProgramme, createSession, createUser } from '../factories'
import { startSmtpSink } from './smtp-sink'

// Long Chinese text is where React 18's stream writer put NUL bytes (react#31134: a 3-byte
// character that did not fit the rest of a 2 KB chunk left the chunk's unwritten tail behind).
// The fix (patches/react-dom+18.3.1.patch, applied by patch-package on install) is at the
// source, so pages and mail (React Email renders with the same writer) are both covered. The
// page test goes red without the patch (NUL at byte 4095 of /programmes); React Email 2.3
// also strips NULs from its output itself, so the mail test guards against that changing.
const sentence = '暑期托管班为会员子女提供看护、阅读、手工和体育活动，午餐由食堂统一配送。'
const FROM = 'Carnation <no-reply@carnation.test>'

describe('no stray bytes in long Chinese pages and mail', () => {
  test('the catalogue and a programme page in zh-CN: no NUL byte, every sentence intact', async () => {
    const buildFile = path.resolve('build/index.js')
    expect(fs.existsSync(buildFile), 'run `npm run build` first (npm test does)').toBe(true)
    const { now } = testClock()
    const dept = await createDepartment(db)
    for (let i = 0; i < 30; i++) {
      // odd lengths and a mix of 1- and 3-byte characters move every chunk boundary around
      const summary = `${i}号：${sentence.repeat(1 + (i % 4))}${'a'.repeat(i)}`
      const programme = await createProgramme(db, dept.id, { slug: `long-${i}`, summaryZh: summary, descriptionZh: summary.repeat(5) }, now)
      await createSession(db, programme.id, {}, now)
    }
    const { createRequestHandler } = await import('@remix-run/node')
    const handle = createRequestHandler(await import(buildFile), 'production')
    for (const url of ['/programmes', '/programmes/long-7', '/programmes/long-29']) {
      const response = await handle(new Request(`http://localhost${url}`, { headers: { 'Accept-Language': 'zh-CN' } }))
      expect(response.status).toBe(200)
      const bytes = new Uint8Array(await response.arrayBuffer())
      expect(bytes.length).toBeGreaterThan(8192)
      expect(bytes.indexOf(0), `NUL byte in ${url}`).toBe(-1)
      const page = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
      expect(page).toContain(sentence.repeat(2))
    }
  })

  test('a long Chinese message to attendees: no NUL in the HTML or text part, nothing cut', async () => {
    const { now } = testClock()
    const dept = await createDepartment(db)
    const programme = await createProgramme(db, dept.id, {}, now)
    const session = await createSession(db, programme.id, {}, now)
    const member = await createUser(db, { locale: 'zh-CN' })
    await bookSession({ userId: member.id, sessionId: session.id, attendees: [{ kind: 'self', userId: member.id }], now })
    // under ~680 characters a text goes through the chunk writer (longer ones bypass it), so
    // bodies of many lengths put a 3-byte character on the chunk boundary somewhere
    for (let n = 5; n <= 18; n++) {
      const body = `${sentence.repeat(n)}${'x'.repeat(n)}结束。`
      await messageAttendees(session.id, { audience: 'booked', subject: '通知', body }, member.id)
    }
    const messages = await db.outboxMessage.findMany({ where: { kind: 'organiser-message' } })
    expect(messages).toHaveLength(14)
    for (const message of messages) {
      const mail = await composeMail(message, FROM)
      for (const part of [mail.html, mail.text]) {
        expect(part.includes('\u0000'), 'NUL in a mail').toBe(false)
        expect(part).toContain('结束。')
      }
    }
  })
})

describe('plain-text mail', () => {
  test('every URL stands alone on its line (an offer mail has two links side by side)', async () => {
    const { now } = testClock()
    const dept = await createDepartment(db)
    for (const locale of ['zh-CN', 'en']) {
      const programme = await createProgramme(db, dept.id, { waitlistMode: 'offer' }, now)
      const session = await createSession(db, programme.id, { capacity: 1 }, now)
      const [holder, waiting] = [await createUser(db), await createUser(db, { locale })]
      const [taken] = await bookSession({ userId: holder.id, sessionId: session.id, attendees: [{ kind: 'self', userId: holder.id }], now })
      await bookSession({ userId: waiting.id, sessionId: session.id, attendees: [{ kind: 'self', userId: waiting.id }], now })
      await cancelBooking({ bookingId: (taken as { bookingId: string }).bookingId, userId: holder.id, now })
    }
    const messages = await db.outboxMessage.findMany()
    expect(messages.filter((m) => m.kind === 'offer')).toHaveLength(2)
    for (const message of messages) {
      const { text } = await composeMail(message, FROM)
      const urls = text.match(/https?:\/\/\S+/g) ?? []
      expect(urls.length).toBeGreaterThan(0)
      for (const line of text.split('\n').filter((l) => /https?:\/\//.test(l))) {
        expect(line.trim(), `${message.kind}: a URL shares its line`).toMatch(/^https?:\/\/\S+$/)
      }
      if (message.kind === 'offer') {
        const answers = urls.map((u) => new URL(u).searchParams.get('answer')).filter(Boolean)
        expect(answers).toEqual(['accept', 'decline'])
        // the link opens the page in the member's language
        expect(new URL(urls[0]!).searchParams.get('lng')).toBe(message.locale)
      }
    }
  })
})

describe('an outbox message that can never be built', () => {
  test('its child deleted: the message kept a copy and goes out naming the child; the copy is dropped once sent', async () => {
    const sink = await startSmtpSink()
    try {
      const { now } = testClock()
      const dept = await createDepartment(db)
      const programme = await createProgramme(db, dept.id, { audience: 'child', titleZh: '暑托班' }, now)
      const session = await createSession(db, programme.id, {}, now)
      const parent = await createUser(db)
      const child = await createChild(db, parent.id, { name: '李小明' })
      const [booked] = await bookSession({
        userId: parent.id,
        sessionId: session.id,
        attendees: [{ kind: 'child', childId: child.id }],
        now,
      })
      const bookingId = (booked as { bookingId: string }).bookingId
      await cancelBooking({ bookingId, userId: parent.id, now })
      expect(await eraseChild({ guardianId: parent.id, childId: child.id })).toEqual({ cancelled: 0 })
      // the booking stays for the counts; the child it names is anonymised
      expect((await db.booking.findUniqueOrThrow({ where: { id: bookingId }, include: { child: true } })).child?.name).not.toContain(
        '李小明',
      )

      const result = await deliverDueMail({ owner: 't', transporter: sink.transporter(), from: FROM })
      expect(result).toEqual({ sent: 2, retried: 0, failed: 0, held: 0 }) // confirmed + cancelled
      const cancelMail = sink.received.find((m) => /METHOD:CANCEL/.test(m.raw.toString()))
      expect(cancelMail?.parsed.text).toContain('李小明')
      const rows = await db.outboxMessage.findMany()
      expect(rows.every((r) => r.status === 'sent' && !r.payload.includes('李小明'))).toBe(true)
    } finally {
      await sink.stop()
    }
  })

  test('no booking and no copy, or an unreadable payload: parked as failed with the reason, never retried', async () => {
    const sink = await startSmtpSink()
    try {
      const gone = await db.outboxMessage.create({
        data: { kind: 'booking-cancelled', toEmail: 'a@example.cn', locale: 'zh-CN', payload: '{}' },
      })
      const garbled = await db.outboxMessage.create({
        data: { kind: 'offer', toEmail: 'b@example.cn', locale: 'en', payload: '{"offerExpiresAt": 42' },
      })
      const result = await deliverDueMail({ owner: 't', transporter: sink.transporter(), from: FROM })
      expect(result).toEqual({ sent: 0, retried: 0, failed: 2, held: 0 })
      for (const id of [gone.id, garbled.id]) {
        const row = await db.outboxMessage.findUniqueOrThrow({ where: { id } })
        expect(row.status).toBe('failed')
        expect(row.lastError).toMatch(/gone|unreadable/)
      }
      expect(sink.received).toHaveLength(0)
    } finally {
      await sink.stop()
    }
  })
})
