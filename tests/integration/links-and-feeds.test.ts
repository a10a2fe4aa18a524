import ICAL from 'ical.js'
import { describe, expect, test } from 'vitest'
import { bookSession } from '~/models/booking/book-session.server'
import { resetCalendarToken } from '~/models/mail/calendar.server'
import { cancelBooking } from '~/models/booking/cancel-booking.server'
import { offerLink } from '~/models/booking/offer-link.server'
import * as feedRoute from '~/routes/calendar.$token[.]ics'
import * as icsRoute from '~/routes/me.bookings.$bookingId[.]ics'
import * as offerRoute from '~/routes/offers.$bookingId'
import { db } from '~/utils/db.server'
import { createChild, createDepartment, createProgramme, createSession, createUser } from '../factories'
import { testClock } from '../clock'
import { loginCookie, post, statusOf } from './request'

type Args = { request: Request; params: Record<string, string>; context: Record<string, unknown> }

async function heldOffer() {
  const { now } = testClock()
  const dept = await createDepartment(db)
  const programme = await createProgramme(db, dept.id, { waitlistMode: 'offer', offerHours: 24 }, now)
  const session = await createSession(db, programme.id, { capacity: 1 }, now)
  const [holder, waiter] = [await createUser(db), await createUser(db)]
  for (const u of [holder, waiter]) await bookSession({ userId: u.id, sessionId: session.id, attendees: [{ kind: 'self', userId: u.id }] })
  const held = await db.booking.findFirstOrThrow({ where: { bookerId: holder.id } })
  await cancelBooking({ bookingId: held.id, userId: holder.id })
  const offer = await db.booking.findFirstOrThrow({ where: { bookerId: waiter.id } })
  expect(offer.status).toBe('offered')
  return offer
}

describe('signed offer links', () => {
  test('the link opens the offer without logging in; GET changes nothing; the POST accepts', async () => {
    const offer = await heldOffer()
    const url = new URL(offerLink(offer.id, offer.offerExpiresAt!, 'accept', 'zh-CN'))
    const token = url.searchParams.get('token')!
    const params = { bookingId: offer.id }
    const page = (await offerRoute.loader({ request: new Request(url), params, context: {} } as Args)) as { offer: unknown }
    expect(page.offer).toBeTruthy()
    expect((await db.booking.findUniqueOrThrow({ where: { id: offer.id } })).status).toBe('offered')

    const tampered = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA')
    expect(
      await statusOf(() =>
        offerRoute.action({ request: post(url.pathname, { token: tampered, answer: 'accept' }), params, context: {} } as Args),
      ),
    ).toBe(410)
    expect(
      await statusOf(() => offerRoute.action({ request: post(url.pathname, { token, answer: 'accept' }), params, context: {} } as Args)),
    ).toBe(200)
    expect((await db.booking.findUniqueOrThrow({ where: { id: offer.id } })).status).toBe('confirmed')
    // single-purpose: the same link cannot be used again (the offer it was bound to is gone)
    expect(
      await statusOf(() => offerRoute.action({ request: post(url.pathname, { token, answer: 'decline' }), params, context: {} } as Args)),
    ).toBe(410)
  })
})

describe('calendar feed and .ics download', () => {
  test('the feed lists the member’s and children’s confirmed sessions; a reset kills the old URL', async () => {
    const { now } = testClock()
    const dept = await createDepartment(db)
    const programme = await createProgramme(db, dept.id, { audience: 'child', titleZh: '暑托班' }, now)
    const session = await createSession(db, programme.id, {}, now)
    const parent = await createUser(db, { locale: 'zh-CN' })
    const child = await createChild(db, parent.id, { name: '小明', notes: '秘密备注' })
    await bookSession({ userId: parent.id, sessionId: session.id, attendees: [{ kind: 'child', childId: child.id }] })
    const { calendarToken } = await db.user.findUniqueOrThrow({ where: { id: parent.id } })
    const res = (await feedRoute.loader({
      request: new Request('http://x'),
      params: { token: calendarToken },
      context: {},
    } as Args)) as Response
    expect(res.headers.get('Content-Type')).toMatch(/text\/calendar/)
    const text = await res.text()
    const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent')
    expect(events).toHaveLength(1)
    expect(String(events[0].getFirstPropertyValue('summary'))).toBe('暑托班 · 小明')
    expect(text).not.toContain('秘密备注')

    await resetCalendarToken(parent.id)
    expect(
      await statusOf(() => feedRoute.loader({ request: new Request('http://x'), params: { token: calendarToken }, context: {} } as Args)),
    ).toBe(404)
  })

  test('a booking’s .ics is for its booker only', async () => {
    const { now } = testClock()
    const dept = await createDepartment(db)
    const programme = await createProgramme(db, dept.id, {}, now)
    const session = await createSession(db, programme.id, {}, now)
    const member = await createUser(db)
    const [o] = await bookSession({ userId: member.id, sessionId: session.id, attendees: [{ kind: 'self', userId: member.id }] })
    const bookingId = 'bookingId' in o ? o.bookingId : ''
    const get = async (userId: string) =>
      statusOf(async () =>
        icsRoute.loader({
          request: new Request('http://x', { headers: { Cookie: await loginCookie(userId) } }),
          params: { bookingId },
          context: {},
        } as Args),
      )
    expect(await get(member.id)).toBe(200)
    expect(await get((await createUser(db)).id)).toBe(404)
  })
})

describe('the member’s language, not the browser’s', () => {
  test('an offer link opens in the language of the mail; the .ics follows the profile; login sets the page language', async () => {
    const buildFile = (await import('node:path')).resolve('build/index.js')
    const { createRequestHandler } = await import('@remix-run/node')
    const handle = createRequestHandler(await import(buildFile), 'production')
    const offer = await heldOffer()
    await db.user.update({ where: { id: offer.bookerId }, data: { locale: 'en' } })
    // a Chinese phone opens the English member's mail link: the page is English
    const link = new URL(offerLink(offer.id, offer.offerExpiresAt!, 'accept', 'en'))
    const page = await handle(new Request(`http://localhost${link.pathname}${link.search}`, { headers: { 'Accept-Language': 'zh-CN' } }))
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<html lang="en"')

    // the download of a confirmed booking, asked for by a Chinese browser, is in English
    const { now } = testClock()
    const dept = await createDepartment(db)
    const programme = await createProgramme(db, dept.id, { titleZh: '育婴员培训', titleEn: 'Childcare course' }, now)
    const session = await createSession(db, programme.id, {}, now)
    const member = await createUser(db, { locale: 'en' })
    const [booked] = await bookSession({ userId: member.id, sessionId: session.id, attendees: [{ kind: 'self', userId: member.id }], now })
    const cookie = await loginCookie(member.id)
    const ics = await handle(
      new Request(`http://localhost/me/bookings/${(booked as { bookingId: string }).bookingId}.ics`, {
        headers: { Cookie: cookie, 'Accept-Language': 'zh-CN' },
      }),
    )
    expect(ics.status).toBe(200)
    expect(await ics.text()).toContain('SUMMARY:Childcare course')

    // logging in from a Chinese browser: the pages follow the member's chosen English
    await db.user.update({
      where: { id: member.id },
      data: { passwordHash: await (await import('~/models/user/password.server')).hashPassword('correct horse 1') },
    })
    const login = await handle(
      new Request('http://localhost/login', {
        method: 'POST',
        body: new URLSearchParams({ email: member.email, password: 'correct horse 1' }),
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'Accept-Language': 'zh-CN',
          Origin: 'http://localhost',
          Host: 'localhost',
        },
      }),
    )
    expect(login.status).toBe(302)
    expect(login.headers.get('Set-Cookie')).toMatch(/lng=/)
    const lngCookie = /lng=[^;]+/.exec(login.headers.get('Set-Cookie')!)![0]
    const home = await handle(new Request('http://localhost/', { headers: { Cookie: lngCookie, 'Accept-Language': 'zh-CN' } }))
    expect(await home.text()).toContain('<html lang="en"')
  })
})

test('a new account’s feed token is 192 random bits, not a cuid made beside the user id', async () => {
  const { signUp } = await import('~/models/user/credentials.server')
  const tokens = new Set<string>()
  for (const n of [1, 2, 3]) {
    const result = await signUp(
      {
        email: `feed${n}@example.cn`,
        password: 'correct horse 1',
        confirmPassword: 'correct horse 1',
        name: '王芳',
        phone: '13800000000',
        gender: 'female',
        birthDate: new Date('1995-01-01'),
        memberNo: '',
        acceptNotice: 'on',
      },
      'zh-CN',
    )
    expect(result.ok).toBe(true)
    const user = await db.user.findUniqueOrThrow({ where: { id: (result as { userId: string }).userId } })
    expect(user.calendarToken).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect(user.calendarToken.slice(0, 6)).not.toBe(user.id.slice(0, 6))
    tokens.add(user.calendarToken)
  }
  expect(tokens.size).toBe(3)
})
