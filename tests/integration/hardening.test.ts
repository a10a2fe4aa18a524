import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { bookSession } from '~/models/booking/book-session.server'
import { eraseChild } from '~/models/privacy/erase.server'
import { rosterCsv } from '~/models/organiser/export-roster.server'
import * as staffRoute from '~/routes/admin.staff'
import * as mailboxRoute from '~/routes/dev.mailbox'
import * as loginRoute from '~/routes/login'
import * as organiserProgrammeRoute from '~/routes/organiser.programmes.$programmeId'
import { safeRedirect } from '~/utils/safe-redirect'
import { neutraliseFormula } from '~/utils/csv.server'
import { db } from '~/utils/db.server'
import { parseEnv, PUBLIC_DEV_SECRET, sessionSecrets } from '~/utils/env.server'
import { isRealDay } from '~/utils/validation'
import { testClock } from '../clock'
import { createChild, createDepartment, createProgramme, createSession, createUser, DEMO_PASSWORD } from '../factories'
import { loginCookie, post, statusOf } from './request'

type Args = { request: Request; params: Record<string, string>; context: Record<string, unknown> }

describe('redirects stay on this site', () => {
  test.each([
    ['/\t/evil.com', '/'],
    ['/\n/evil.com', '/'],
    ['/\\evil.com', '/'],
    ['//evil.com/phish', '/'],
    ['https://evil.com', '/'],
    ['/\u0000x', '/'],
    ['/%5Cevil.example', '/'],
    ['/%09/evil.example', '/'],
    ['/%2F%2Fevil.example', '/'],
    ['/%E0%A4%A', '/'],
    ['/\u3000x', '/%E3%80%80x'],
    ['/me/bookings?tab=1#top', '/me/bookings?tab=1#top'],
  ])('%j → %j', (to, expected) => {
    expect(safeRedirect(to)).toBe(expected)
  })
})

test('CSV: a name that is a formula reaches the organiser as text', async () => {
  for (const cell of ['=HYPERLINK("http://x","y")', '+1+1', '-2', '@SUM(A1)', '\tx', '\rx']) {
    expect(neutraliseFormula(cell)).toBe(`'${cell}`)
  }
  expect(neutraliseFormula('王芳')).toBe('王芳')
  const { now } = testClock()
  const dept = await createDepartment(db)
  const programme = await createProgramme(db, dept.id, {}, now)
  const session = await createSession(db, programme.id, {}, now)
  const member = await createUser(db, { name: '=HYPERLINK("http://evil.example","点我")' })
  await bookSession({ userId: member.id, sessionId: session.id, attendees: [{ kind: 'self', userId: member.id }], now })
  const csv = await rosterCsv(session.id, 'zh-CN', (k) => k, { withNotes: false, actorId: member.id })
  expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`)
  expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m)
})

describe('production never signs with the public secret', () => {
  test('set to the public value: refused with a clear message', () => {
    const env = parseEnv({ NODE_ENV: 'production', SESSION_SECRET: PUBLIC_DEV_SECRET })
    expect(() => sessionSecrets(env)).toThrow(/public development value/)
  })
  test('unset with PostgreSQL (instances must share one): refused', () => {
    const env = parseEnv({ NODE_ENV: 'production', DATABASE_URL: 'postgresql://u@h:5432/db' })
    expect(() => sessionSecrets(env)).toThrow(/SESSION_SECRET is not set/)
  })
  test('unset with the embedded database: a random one is made once, kept beside it (mode 600)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carnation-secret-'))
    const env = parseEnv({ NODE_ENV: 'production', DATABASE_URL: `file:${dir}/app.db` })
    const [first] = sessionSecrets(env)
    expect(first).not.toBe(PUBLIC_DEV_SECRET)
    expect(first.length).toBeGreaterThanOrEqual(40)
    expect(sessionSecrets(env)).toEqual([first])
    expect(fs.statSync(path.join(dir, 'session-secret')).mode & 0o777).toBe(0o600)
  })
})

test('the built-in mailbox is not open to members outside development', async () => {
  // the tests run with NODE_ENV=test and the built-in mailbox (no SMTP settings)
  const member = await createUser(db)
  const admin = await createUser(db, { role: 'admin' })
  const asMember = new Request('http://localhost/dev/mailbox', { headers: { Cookie: await loginCookie(member.id) } })
  expect(await statusOf(() => mailboxRoute.loader({ request: asMember, params: {}, context: {} } as Args))).toBe(404)
  expect(
    await statusOf(() => mailboxRoute.loader({ request: new Request('http://localhost/dev/mailbox'), params: {}, context: {} } as Args)),
  ).toBe(404)
  const asAdmin = new Request('http://localhost/dev/mailbox', { headers: { Cookie: await loginCookie(admin.id) } })
  expect(await statusOf(() => mailboxRoute.loader({ request: asAdmin, params: {}, context: {} } as Args))).toBe(200)
})

describe('login limits', () => {
  const attempt = (email: string, password: string, address: string) =>
    statusOf(() =>
      loginRoute.action({ request: post('/login', { email, password }), params: {}, context: { clientAddress: address } } as Args),
    )

  test('a rival guessing from their address cannot lock the owner out of theirs; successes do not count', async () => {
    const parent = await createUser(db)
    // (at once: past five failures each check of this account is slowed, see account-attacks.test.ts)
    const guesses = await Promise.all(Array.from({ length: 10 }, (_, i) => attempt(parent.email, `guess ${i}`, '10.0.0.66')))
    expect(guesses).toEqual(Array(10).fill(400))
    expect(await attempt(parent.email, DEMO_PASSWORD, '10.0.0.66')).toBe(429) // that pair is paused
    // the owner, on their own phone, is not
    for (let i = 0; i < 12; i++) expect(await attempt(parent.email, DEMO_PASSWORD, '10.0.0.7')).toBe(302)
    // and a few typos of their own are forgiven by the next success
    for (let round = 0; round < 2; round++) {
      const typos = await Promise.all(Array.from({ length: 9 }, () => attempt(parent.email, 'typo', '10.0.0.7')))
      expect(typos).toEqual(Array(9).fill(400))
      expect(await attempt(parent.email, DEMO_PASSWORD, '10.0.0.7')).toBe(302)
    }
  })

  test('one address trying many accounts is paused after 50 failures', async () => {
    const emails = await Promise.all(Array.from({ length: 40 }, () => createUser(db).then((u) => u.email)))
    let refused = 0
    for (let i = 0; i < 60; i++) if ((await attempt(emails[i % emails.length], 'wrong', '10.0.0.99')) === 429) refused++
    expect(refused).toBe(10)
  })
})

test('removing another guardian’s child: 404 whatever its bookings (no existence leak)', async () => {
  const { now } = testClock()
  const dept = await createDepartment(db)
  const programme = await createProgramme(db, dept.id, { audience: 'child' }, now)
  const session = await createSession(db, programme.id, {}, now)
  const [parent, stranger] = [await createUser(db), await createUser(db)]
  const child = await createChild(db, parent.id)
  await bookSession({ userId: parent.id, sessionId: session.id, attendees: [{ kind: 'child', childId: child.id }], now })
  expect(await eraseChild({ guardianId: stranger.id, childId: child.id })).toBeNull()
  expect(await db.booking.count({ where: { childId: child.id, status: 'confirmed' } })).toBe(1)
})

describe('dates that do not exist are refused, not moved', () => {
  test.each(['2026-02-30', '0000-00-00', '2026-13-01', '2026-00-10', '99999-01-01', '2026-2-3'])('%s', (day) => {
    expect(isRealDay(day)).toBe(false)
  })
  test('real days pass', () => {
    expect(['2028-02-29', '2026-12-31', '2027-01-01'].every(isRealDay)).toBe(true)
  })
  test('organiser forms answer 400 to them, and write nothing', async () => {
    const { now } = testClock()
    const dept = await createDepartment(db)
    const organiser = await createUser(db, { role: 'organiser', departmentId: dept.id })
    const programme = await createProgramme(db, dept.id, {}, now)
    const cookie = await loginCookie(organiser.id)
    const before = await db.session.count()
    const forms: Record<string, string>[] = [
      {
        intent: 'add-term',
        firstDay: '0000-00-00',
        lastDay: '2026-13-01',
        weekdays: 'MO',
        dailyStart: '09:00',
        dailyEnd: '12:00',
        capacity: '10',
        placeZh: '甲',
        placeEn: 'A',
      },
      { intent: 'add-session', startsAt: '2026-02-30T09:00', endsAt: '2026-02-30T11:00', capacity: '10', placeZh: '甲', placeEn: 'A' },
      {
        intent: 'preview-slots',
        days: '2026-13-01',
        from: '09:00',
        until: '12:00',
        slotMinutes: '20',
        placesPerSlot: '1',
        placeZh: '甲',
        placeEn: 'A',
      },
    ]
    for (const fields of forms) {
      const request = post(`/organiser/programmes/${programme.id}`, fields, cookie)
      const status = await statusOf(() =>
        organiserProgrammeRoute.action({ request, params: { programmeId: programme.id }, context: {} } as Args),
      )
      expect(status, JSON.stringify(fields)).toBe(400)
    }
    expect(await db.session.count()).toBe(before)
  })
})

test('an intent named like an object property is a 400, not a 500', async () => {
  const admin = await createUser(db, { role: 'admin' })
  const cookie = await loginCookie(admin.id)
  for (const intent of ['__proto__', 'toString', 'constructor', 'hasOwnProperty']) {
    const status = await statusOf(() =>
      staffRoute.action({ request: post('/admin/staff', { intent }, cookie), params: {}, context: {} } as Args),
    )
    expect(status, intent).toBe(400)
  }
})

describe('facts a booking was granted on are locked while it is active', () => {
  test('gender under a quota, birth date under an age rule; the roster and CSV show the quota seat', async () => {
    const { updateProfile } = await import('~/models/user/profile.server')
    const { updateChild } = await import('~/models/child/children.server')
    const { cancelBooking } = await import('~/models/booking/cancel-booking.server')
    const { getRoster } = await import('~/models/organiser/roster.server')
    const { now } = testClock()
    const dept = await createDepartment(db)
    const social = await createProgramme(db, dept.id, { kind: 'social' }, now)
    const evening = await createSession(
      db,
      social.id,
      {
        capacity: 4,
        quotas: [
          { category: 'female', capacity: 2 },
          { category: 'male', capacity: 2 },
        ],
      },
      now,
    )
    const member = await createUser(db, { gender: 'female', birthDate: new Date('1996-05-01T00:00:00+08:00') })
    const [booked] = await bookSession({ userId: member.id, sessionId: evening.id, attendees: [{ kind: 'self', userId: member.id }], now })
    const profile = {
      name: '王芳',
      phone: '13800000000',
      gender: 'female' as const,
      birthDate: new Date('1996-05-01T00:00:00+08:00'),
      memberNo: undefined,
    }
    expect(await updateProfile(member.id, { ...profile, gender: 'male' })).toEqual({
      ok: false,
      error: 'errors.factLocked',
      field: 'gender',
    })
    expect(await updateProfile(member.id, { ...profile, name: '王芳芳' })).toEqual({ ok: true }) // other fields are free
    const [row] = (await getRoster(evening.id)).rows
    expect(row.quotaCategory).toBe('female')
    expect(await rosterCsv(evening.id, 'zh-CN', (k) => k, { withNotes: false, actorId: member.id })).toContain(
      'gender.female,gender.female',
    )
    await cancelBooking({ bookingId: (booked as { bookingId: string }).bookingId, userId: member.id, now })
    expect(await updateProfile(member.id, { ...profile, gender: 'male' })).toEqual({ ok: true })

    const camp = await createProgramme(db, dept.id, { audience: 'child', minAge: 5, maxAge: 12 }, now)
    const term = await createSession(db, camp.id, {}, now)
    const child = await createChild(db, member.id, { birthDate: new Date(now.getTime() - 8 * 365 * 86_400_000), gender: 'male' })
    await bookSession({ userId: member.id, sessionId: term.id, attendees: [{ kind: 'child', childId: child.id }], now })
    const childInput = {
      name: child.name,
      gender: 'male' as const,
      birthDate: new Date(now.getTime() - 4 * 365 * 86_400_000),
      notes: undefined,
    }
    expect(await updateChild(member.id, child.id, childInput)).toEqual({ ok: false, error: 'errors.factLocked', field: 'birthDate' })
    expect(await updateChild(member.id, child.id, { ...childInput, birthDate: child.birthDate, gender: 'female' })).toEqual({ ok: true }) // no quota there
  })
})

test('a refused form does not echo an oversized field back into the page', async () => {
  const huge = '名'.repeat(300_000)
  const answer = await (
    await import('~/routes/signup')
  ).action({
    request: post('/signup', {
      email: 'echo@example.cn',
      password: 'summer2027',
      confirmPassword: 'summer2027',
      acceptNotice: 'on',
      name: huge,
      phone: '13900000000',
      gender: 'female',
      birthDate: '1990-01-01',
    }),
    params: {},
    context: {},
  } as never)
  expect(await statusOf(async () => answer)).toBe(400)
  const sent = JSON.stringify(answer)
  expect(sent).toContain('errors.tooLong')
  expect(sent.length).toBeLessThan(5_000)
  expect(sent).toContain('echo@example.cn') // what was reasonable comes back for correcting
})
