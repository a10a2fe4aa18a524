import { describe, expect, test } from 'vitest'
import { recordArrival } from '~/models/attendance/register.server'
import { bookSession } from '~/models/booking/book-session.server'
import { cancelBooking } from '~/models/booking/cancel-booking.server'
import { composeMail } from '~/models/mail/compose.server'
import { saveChoices, saveConsent } from '~/models/matching/entry.server'
import { assignBadges, closeRound, openRound, tidyRounds } from '~/models/matching/round.server'
import { participantView } from '~/models/matching/view.server'
import { rosterCsv } from '~/models/organiser/export-roster.server'
import { i18next } from '~/utils/i18n.server'
import { collectMyData } from '~/models/privacy/my-data.server'
import { eraseAccount } from '~/models/privacy/erase.server'
import * as consoleRoute from '~/routes/organiser.sessions.$sessionId_.social'
import * as socialRoute from '~/routes/me.bookings_.$bookingId.social'
import { db } from '~/utils/db.server'
import { DAY, HOUR, testClock } from '../clock'
import { createDepartment, createProgramme, createSession, createUser } from '../factories'
import { databaseBytes } from './database-bytes'
import { loginCookie, post, statusOf } from './request'

type Fn = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<unknown>

/** A youth social happening now, with a mutual-choice round (up to 2 choices), and people booked on it. */
async function socialTonight(names: string[], max = 2) {
  const clock = testClock()
  const dept = await createDepartment(db)
  const organiser = await createUser(db, { role: 'organiser', departmentId: dept.id })
  const programme = await createProgramme(db, dept.id, { kind: 'social', titleZh: '青年交友联谊会' }, clock.plus(-10 * DAY))
  await db.programme.update({ where: { id: programme.id }, data: { mutualChoice: true, mutualChoiceMax: max } })
  const session = await createSession(
    db,
    programme.id,
    { startsAt: clock.plus(-HOUR), endsAt: clock.plus(2 * HOUR), capacity: 60 },
    clock.plus(-10 * DAY),
  )
  const people = []
  for (const [i, name] of names.entries()) {
    const user = await createUser(db, { name, gender: i % 2 ? 'male' : 'female', phone: `1390000${String(i).padStart(4, '0')}` })
    const [outcome] = await bookSession({
      userId: user.id,
      sessionId: session.id,
      attendees: [{ kind: 'self', userId: user.id }],
      now: clock.plus(-5 * DAY),
    })
    if (outcome.result !== 'confirmed') throw new Error(`${name} was not booked`)
    people.push({ user, bookingId: outcome.bookingId })
  }
  await assignBadges(session.id)
  const badges = new Map((await db.booking.findMany({ where: { sessionId: session.id } })).map((b) => [b.id, b.badgeNo!]))
  const withBadges = people.map((p) => ({ ...p, badge: badges.get(p.bookingId)! }))
  const arrive = (p: { bookingId: string }) =>
    recordArrival({ sessionId: session.id, bookingId: p.bookingId, actorId: organiser.id, now: clock.now })
  return { ...clock, dept, organiser, programme, session, people: withBadges, arrive }
}

const consent = (
  p: { user: { id: string }; bookingId: string },
  name: string,
  share: 'none' | 'phone' | 'wechat' = 'none',
  wechat?: string,
) => saveConsent({ userId: p.user.id, bookingId: p.bookingId, displayName: name, share, wechat })
const choose = (p: { user: { id: string }; bookingId: string }, badges: number[]) =>
  saveChoices({ userId: p.user.id, bookingId: p.bookingId, badges })

describe('badge numbers', () => {
  test('unique per session and stable: in booking order, never reused after a cancellation, the same however often or concurrently assigned', async () => {
    const social = await socialTonight(['赵一', '钱二', '孙三'])
    expect(social.people.map((p) => p.badge)).toEqual([1, 2, 3])
    expect(
      await cancelBooking({ bookingId: social.people[1].bookingId, userId: social.people[1].user.id, now: social.plus(-3 * DAY) }),
    ).toMatchObject({ ok: true })
    const late = await createUser(db, { name: '李四' })
    const [booked] = await bookSession({
      userId: late.id,
      sessionId: social.session.id,
      attendees: [{ kind: 'self', userId: late.id }],
      now: social.plus(-2 * DAY),
    })
    const another = await createUser(db, { name: '周五' })
    await bookSession({
      userId: another.id,
      sessionId: social.session.id,
      attendees: [{ kind: 'self', userId: another.id }],
      now: social.plus(-2 * DAY),
    })
    expect(
      await Promise.all([assignBadges(social.session.id), assignBadges(social.session.id), assignBadges(social.session.id)]),
    ).toContain(2)
    const rows = await db.booking.findMany({ where: { sessionId: social.session.id }, orderBy: { badgeNo: 'asc' } })
    expect(rows.map((r) => r.badgeNo)).toEqual([1, 2, 3, 4, 5])
    const lateId = booked.result === 'confirmed' ? booked.bookingId : ''
    expect(rows.find((r) => r.id === lateId)?.badgeNo).toBe(4)
    expect(await assignBadges(social.session.id)).toBe(0)
    expect(
      (await db.booking.findMany({ where: { sessionId: social.session.id }, orderBy: { badgeNo: 'asc' } })).map((r) => r.badgeNo),
    ).toEqual([1, 2, 3, 4, 5])
  })
  test('a badge once given never changes, however the callers interleave (rounds of late bookings, four callers each)', async () => {
    const social = await socialTonight(['赵一', '钱二'])
    const given = new Map(social.people.map((p) => [p.bookingId, p.badge]))
    for (let round = 0; round < 8; round++) {
      for (let i = 0; i < 2; i++) {
        const late = await createUser(db)
        await bookSession({
          userId: late.id,
          sessionId: social.session.id,
          attendees: [{ kind: 'self', userId: late.id }],
          now: social.now,
        })
      }
      await Promise.all(Array.from({ length: 4 }, () => assignBadges(social.session.id)))
      const rows = await db.booking.findMany({ where: { sessionId: social.session.id }, orderBy: { badgeNo: 'asc' } })
      // 1…n, none skipped, and every number given in an earlier round still on its booking
      expect(rows.map((r) => r.badgeNo)).toEqual(rows.map((_, i) => i + 1))
      for (const row of rows) {
        if (given.has(row.id)) expect(row.badgeNo, `round ${round}`).toBe(given.get(row.id))
        given.set(row.id, row.badgeNo!)
      }
    }
  })
})

describe('choosing', () => {
  test('arrived only, never oneself, at most N, only participants; changeable until the close, nothing after', async () => {
    const social = await socialTonight(['赵一', '钱二', '孙三', '李四'])
    const [a, b, c, d] = social.people
    expect(await choose(a, [b.badge])).toEqual({ ok: false, error: 'matching.errors.notOpen' })
    for (const p of [a, b, c]) await social.arrive(p)
    expect(await openRound(social.session.id, social.organiser.id, social.now)).toEqual({ ok: true })
    expect(await openRound(social.session.id, social.organiser.id, social.now)).toMatchObject({ ok: false })
    expect(await choose(a, [b.badge])).toEqual({ ok: false, error: 'matching.errors.consentFirst' })
    await consent(a, '一')
    expect(await choose(a, [a.badge])).toEqual({ ok: false, error: 'matching.errors.self' })
    expect(await choose(a, [b.badge, c.badge, 99])).toEqual({ ok: false, error: 'matching.errors.tooMany', params: { max: 2 } })
    expect(await choose(a, [d.badge])).toEqual({ ok: false, error: 'matching.errors.notParticipant', params: { badge: d.badge } })
    expect(await choose(a, [99])).toMatchObject({ ok: false, error: 'matching.errors.notParticipant' })
    await consent(d, '四')
    expect(await choose(d, [a.badge])).toEqual({ ok: false, error: 'matching.errors.notArrived' })
    expect(await choose(a, [b.badge])).toEqual({ ok: true })
    expect(await choose(a, [c.badge, b.badge])).toEqual({ ok: true })
    expect((await participantView(a.user.id, a.bookingId))?.entry?.choices).toEqual([c.badge, b.badge])
    // someone else's booking is not found, whoever asks
    expect(await choose({ user: b.user, bookingId: a.bookingId }, [c.badge])).toEqual({ ok: false, error: 'matching.errors.notYours' })
    expect(await closeRound(social.session.id, social.organiser.id, social.now)).toEqual({ ok: true })
    expect(await choose(a, [b.badge])).toEqual({ ok: false, error: 'matching.errors.closed' })
    expect(await consent(a, '改名')).toEqual({ ok: false, error: 'matching.errors.closed' })
    expect((await participantView(a.user.id, a.bookingId))?.entry?.choices).toEqual([c.badge, b.badge])
  })

  test('the page without JavaScript: consent and choice posted as forms; a bad number is a 400 that writes nothing', async () => {
    const social = await socialTonight(['赵一', '钱二'])
    const [a, b] = social.people
    for (const p of [a, b]) await social.arrive(p)
    await openRound(social.session.id, social.organiser.id, social.now)
    const cookie = await loginCookie(a.user.id)
    const send = (fields: Record<string, string | string[]>) =>
      (socialRoute.action as Fn)({
        request: post(`/me/bookings/${a.bookingId}/social`, fields, cookie),
        params: { bookingId: a.bookingId },
        context: {},
      })
    expect(await statusOf(() => send({ intent: 'consent', displayName: '一', share: 'wechat' }))).toBe(400) // a WeChat id is needed
    expect(await statusOf(() => send({ intent: 'consent', displayName: '一', share: 'wechat', wechat: 'zhao_1' }))).toBe(200)
    expect(await statusOf(() => send({ intent: 'choose', badge: ['abc', ''] }))).toBe(400)
    expect(await statusOf(() => send({ intent: 'choose', badge: String(a.badge) }))).toBe(409)
    expect(await statusOf(() => send({ intent: 'choose', badge: [String(b.badge), ''] }))).toBe(200)
    expect(await statusOf(() => send({ intent: 'nonsense' }))).toBe(400)
    expect((await participantView(a.user.id, a.bookingId))?.entry).toMatchObject({ share: 'wechat', contact: 'zhao_1', choices: [b.badge] })
    // the other participant cannot use the page of a's booking
    const other = await loginCookie(b.user.id)
    const load = (bookingId: string, c?: string) =>
      (socialRoute.loader as Fn)({
        request: new Request(`http://localhost/me/bookings/${bookingId}/social`, { headers: c ? { Cookie: c } : {} }),
        params: { bookingId },
        context: {},
      })
    expect(await statusOf(() => load(a.bookingId, other))).toBe(404)
    expect(await statusOf(() => load(a.bookingId))).toBe(302)
  })
})

describe('the close', () => {
  test('choices racing the close: each lands before it (and counts) or is refused — the kept counts are what the choices say', async () => {
    const social = await socialTonight(['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛'], 3)
    for (const p of social.people) await social.arrive(p)
    await openRound(social.session.id, social.organiser.id, social.now)
    for (const p of social.people) await consent(p, p.user.name)
    const ring = social.people.map((p, i) => ({ p, picks: [social.people[(i + 1) % 8].badge, social.people[(i + 7) % 8].badge] }))
    const outcomes = await Promise.all([
      ...ring.map(({ p, picks }) => choose(p, picks)),
      closeRound(social.session.id, social.organiser.id, social.now),
    ])
    expect(outcomes.at(-1)).toEqual({ ok: true })
    const round = await db.choiceRound.findUniqueOrThrow({ where: { sessionId: social.session.id } })
    const { entriesOf } = await import('~/models/matching/entry.server')
    const { mutualPairs } = await import('~/models/matching/mutual')
    expect(round.pairs).toBe(mutualPairs((await entriesOf(db, social.session.id)).choices).length)
    for (const [i, outcome] of outcomes.slice(0, -1).entries()) {
      const saved = (await participantView(ring[i].p.user.id, ring[i].p.bookingId))?.entry?.choices ?? []
      expect(outcome.ok ? saved : []).toEqual(outcome.ok ? ring[i].picks : [])
    }
  })
})

describe('only what is mutual', () => {
  test('mutual pairs are shown with what each agreed to share; a one-sided choice reaches no page, export, mail, audit entry or raw row', async () => {
    const social = await socialTonight(['欧阳娜娜', '司马光明', '诸葛亮亮'], 2)
    const [a, b, c] = social.people
    for (const p of [a, b, c]) await social.arrive(p)
    await openRound(social.session.id, social.organiser.id, social.now)
    await consent(a, 'A娜', 'wechat', 'nana_wx')
    await consent(b, 'B明', 'none')
    await consent(c, 'C亮', 'phone')
    await choose(a, [b.badge])
    await choose(b, [a.badge])
    await choose(c, [a.badge]) // one-sided: c chose a, a did not choose c
    await closeRound(social.session.id, social.organiser.id, social.now)

    expect(await db.choiceRound.findUniqueOrThrow({ where: { sessionId: social.session.id } })).toMatchObject({ participants: 3, pairs: 1 })
    const viewA = await participantView(a.user.id, a.bookingId)
    const viewB = await participantView(b.user.id, b.bookingId)
    const viewC = await participantView(c.user.id, c.bookingId)
    expect(viewA?.matches).toEqual([{ badge: b.badge, name: 'B明', share: 'none', contact: null }])
    expect(viewB?.matches).toEqual([{ badge: a.badge, name: 'A娜', share: 'wechat', contact: 'nana_wx' }])
    expect(viewC?.matches).toEqual([])

    // one mail each, composed from the sealed choices (the outbox holds no name or contact)
    const mails = await db.outboxMessage.findMany({ where: { kind: 'mutual-matches' } })
    expect(mails).toHaveLength(3)
    for (const m of mails) expect(m.payload).toBe('{}')
    const mailOf = async (p: { bookingId: string }, locale = 'zh-CN') =>
      composeMail({ ...mails.find((m) => m.bookingId === p.bookingId)!, locale }, 'women@union.example.cn')
    const mailA = await mailOf(a)
    expect(mailA.text).toContain('B明')
    expect(mailA.html).toContain('B明')
    const mailB = await mailOf(b, 'en')
    expect(mailB.text).toContain('WeChat nana_wx')
    const mailC = await mailOf(c)
    expect(mailC.text).toContain('这次互选没有双向的选择')

    // where the one-sided choice (c → a) could leak: a's page and mail, the organiser's console,
    // the roster CSV, the audit trail, every raw row of the database
    const cPhone = c.user.phone!
    const leaks = (text: string) => text.includes('C亮') || text.includes(cPhone) || text.includes('诸葛亮亮')
    expect(leaks(JSON.stringify(viewA?.matches)) || leaks(mailA.text) || leaks(mailA.html)).toBe(false)
    const consolePage = await (consoleRoute.loader as Fn)({
      request: new Request(`http://localhost/organiser/sessions/${social.session.id}/social`, {
        headers: { Cookie: await loginCookie(social.organiser.id) },
      }),
      params: { sessionId: social.session.id },
      context: {},
    })
    const consoleText = JSON.stringify(consolePage)
    expect(consoleText).toContain('"pairs":1')
    expect(consoleText).not.toContain('C亮')
    expect(consoleText).not.toMatch(/choices|chose/)
    const t = await i18next.getFixedT('zh-CN', 'common')
    const csv = await rosterCsv(social.session.id, 'zh-CN', (key: string) => String(t(key)), {
      withNotes: false,
      actorId: social.organiser.id,
    })
    expect(csv).not.toContain('C亮')
    const audit = await db.auditLog.findMany({ where: { action: { startsWith: 'matching.' } } })
    for (const entry of audit) {
      expect(entry.data).not.toContain(a.bookingId)
    }
    expect(audit.filter((e) => e.action === 'matching.chose').map((e) => JSON.parse(e.data))).toEqual([
      { count: 1 },
      { count: 1 },
      { count: 1 },
    ])
    const raw = await databaseBytes()
    for (const secret of ['C亮', 'A娜', 'B明', 'nana_wx']) expect(raw).not.toContain(secret)
    const entryRows = await db.choiceEntry.findMany()
    for (const row of entryRows) expect(row.sealed).toMatch(/^enc1:/)
  })
})

describe('data that does not linger', () => {
  test('in my copy until deleted; deleted with the account; deleted for good days after the round, counts kept; a forgotten round is closed', async () => {
    const social = await socialTonight(['赵一', '钱二', '孙三'])
    const [a, b, c] = social.people
    for (const p of [a, b, c]) await social.arrive(p)
    await openRound(social.session.id, social.organiser.id, social.now)
    for (const [p, name] of [
      [a, '一'],
      [b, '二'],
      [c, '三'],
    ] as const)
      await consent(p, name)
    await choose(a, [b.badge])
    await choose(b, [a.badge])
    const mine = await collectMyData(a.user.id)
    expect(mine.mutualChoice).toMatchObject([{ badgeNo: a.badge, name: '一', choices: [b.badge] }])

    // the organiser forgets to close: the job closes it 12 hours after the social ends, and mails
    expect(await tidyRounds(social.plus(3 * HOUR), 7)).toMatchObject({ closed: 0 })
    expect(await tidyRounds(social.plus(15 * HOUR), 7)).toMatchObject({ closed: 1 })
    expect(await db.outboxMessage.count({ where: { kind: 'mutual-matches' } })).toBe(3)

    await eraseAccount({ userId: c.user.id, actorId: c.user.id, now: social.plus(16 * HOUR) })
    expect(await db.choiceEntry.count({ where: { bookingId: c.bookingId } })).toBe(0)

    // six days on, still there; eight days on, gone — only the counts remain
    expect(await tidyRounds(social.plus(6 * DAY), 7)).toMatchObject({ purged: 0 })
    expect(await db.choiceEntry.count()).toBe(2)
    expect(await tidyRounds(social.plus(8 * DAY), 7)).toMatchObject({ purged: 1 })
    expect(await db.choiceEntry.count()).toBe(0)
    expect(await db.choiceRound.findUniqueOrThrow({ where: { sessionId: social.session.id } })).toMatchObject({
      participants: 3,
      pairs: 1,
      purgedAt: expect.any(Date),
    })
    expect((await participantView(a.user.id, a.bookingId))?.matches).toBeNull()
    expect((await collectMyData(a.user.id)).mutualChoice).toEqual([])
    // a mail not yet sent can no longer be built: it says nothing rather than something stale
    const mail = await db.outboxMessage.findFirstOrThrow({ where: { kind: 'mutual-matches', bookingId: a.bookingId } })
    await expect(composeMail(mail, 'women@union.example.cn')).rejects.toThrow(/deleted/)
  })
})

describe('who may', () => {
  test('the console: organisers of the department and admins; another department 404, a member 403, anonymous to the login', async () => {
    const social = await socialTonight(['赵一'])
    const stranger = await createUser(db, { role: 'organiser', departmentId: (await createDepartment(db)).id })
    const admin = await createUser(db, { role: 'admin' })
    const member = social.people[0].user
    const open = async (userId?: string) =>
      statusOf(async () =>
        (consoleRoute.action as Fn)({
          request: post(
            `/organiser/sessions/${social.session.id}/social`,
            { intent: 'open' },
            userId ? await loginCookie(userId) : undefined,
          ),
          params: { sessionId: social.session.id },
          context: {},
        }),
      )
    expect(await open(stranger.id)).toBe(404)
    expect(await open(member.id)).toBe(403)
    expect(await open()).toBe(302)
    expect(await db.choiceRound.count()).toBe(0)
    expect(await open(admin.id)).toBe(200)
    expect(await db.choiceRound.count()).toBe(1)
    expect(await open(social.organiser.id)).toBe(409)
  })
})
