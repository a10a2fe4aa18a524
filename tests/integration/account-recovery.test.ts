import { describe, expect, test } from 'vitest'
import { bookSession } from '~/models/booking/book-session.server'
import { deliverDueMail } from '~/models/mail/outbox-worker.server'
import { changePassword, confirmEmailLink, requestEmailChange, requestPasswordReset, resetPassword } from '~/models/user/account.server'
import * as forgotRoute from '~/routes/account.forgot'
import * as resetRoute from '~/routes/account.reset.$token'
import * as verifyRoute from '~/routes/account.verify.$token'
import * as signupRoute from '~/routes/signup'
import { getUser } from '~/web/auth.server'
import { db } from '~/utils/db.server'
import { MINUTE, testClock } from '../clock'
import { createDepartment, createProgramme, createSession, createUser, DEMO_PASSWORD } from '../factories'
import { loginCookie, post, statusOf } from './request'
import { useSmtpSink } from './smtp-sink'

// Getting back into an account, proving an address, changing it: through the routes a browser
// posts to, with mail through a real SMTP conversation, links taken out of the received mail.

const smtp = useSmtpSink()
const deliver = (now?: Date) =>
  deliverDueMail({ owner: 'accounts', transporter: smtp.current.transporter(), from: 'Carnation <no-reply@carnation.test>', now })
type Args = { request: Request; params: Record<string, string>; context: Record<string, unknown> }
const run = (action: (a: Args) => Promise<unknown>, request: Request, params: Record<string, string> = {}) =>
  action({ request, params, context: { clientAddress: '203.0.113.9' } })

/** The one-time link in the last mail to this address, as the path and its token. */
function linkInMail(to: string) {
  const mail = [...smtp.current.received].reverse().find((m) => m.parsed.to && JSON.stringify(m.parsed.to).includes(to))
  expect(mail, `no mail to ${to}`).toBeDefined()
  const url = /https?:\/\/\S+\/account\/(reset|verify)\/([a-z0-9]+\.[A-Za-z0-9_-]+)/.exec(mail!.parsed.text ?? '')
  expect(url, `no account link in: ${mail!.parsed.text}`).not.toBeNull()
  return { kind: url![1], token: url![2], subject: mail!.parsed.subject ?? '' }
}

async function everyStoredText() {
  const [tokens, outbox, audit] = await Promise.all([db.accountToken.findMany(), db.outboxMessage.findMany(), db.auditLog.findMany()])
  return JSON.stringify([tokens, outbox, audit])
}

describe('sign-up verifies the address before booking mail goes to it', () => {
  test('bookings work meanwhile; their mail waits (held) and goes out once the link is followed', async () => {
    const { now } = testClock()
    const signed = (await run(
      signupRoute.action as never,
      post('/signup', {
        email: 'new.parent@example.cn',
        password: 'summer2027',
        confirmPassword: 'summer2027',
        acceptNotice: 'on',
        name: '周婷',
        phone: '13900002222',
        gender: 'female',
        birthDate: '1992-06-01',
      }),
    )) as Response
    expect(signed.status).toBe(302)
    const user = await db.user.findUniqueOrThrow({ where: { email: 'new.parent@example.cn' } })
    expect(user.emailVerifiedAt).toBeNull()
    const cookie = signed.headers.get('Set-Cookie')!.split(';')[0]
    expect((await getUser(new Request('http://localhost/', { headers: { Cookie: cookie } })))?.emailVerified).toBe(false)

    const dept = await createDepartment(db)
    const programme = await createProgramme(db, dept.id, {}, now)
    const session = await createSession(db, programme.id, {}, now)
    const [outcome] = await bookSession({ userId: user.id, sessionId: session.id, attendees: [{ kind: 'self', userId: user.id }], now })
    expect(outcome.result).toBe('confirmed')

    // the verification mail goes; the booking's confirmation waits
    expect(await deliver()).toMatchObject({ sent: 1, held: 1 })
    expect(smtp.current.received).toHaveLength(1)
    const link = linkInMail('new.parent@example.cn')
    expect(link.kind).toBe('verify')
    expect(await db.outboxMessage.count({ where: { status: 'held' } })).toBe(1)
    // held mail stays held however often the worker runs
    expect(await deliver(new Date(Date.now() + 60 * MINUTE))).toMatchObject({ sent: 0, held: 0 })

    // opening the link changes nothing (mail scanners follow links); the button's POST does
    const confirmed = await run(verifyRoute.action as never, post(`/account/verify/${link.token}`, {}), { token: link.token })
    expect(await statusOf(async () => confirmed)).toBe(200)
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).not.toBeNull()
    expect(await deliver()).toMatchObject({ sent: 1, held: 0 })
    expect(smtp.current.received.at(-1)!.parsed.subject).toContain('报名成功')

    // the link works once
    expect(await statusOf(() => run(verifyRoute.action as never, post(`/account/verify/${link.token}`, {}), { token: link.token }))).toBe(
      410,
    )
  })
})

describe('forgot password', () => {
  test('the same answer for a stranger and a member; only the member gets a link, and nothing secret is stored', async () => {
    const member = await createUser(db, { email: 'wang.fang@example.cn' })
    const before = await db.outboxMessage.count()
    const answers = []
    for (const email of ['nobody@example.cn', 'Wang.Fang@example.cn']) {
      const answer = (await run(forgotRoute.action as never, post('/account/forgot', { email }))) as { sent: boolean }
      answers.push({ status: await statusOf(async () => answer), sent: answer.sent })
    }
    expect(answers[0]).toEqual(answers[1])
    expect(await db.outboxMessage.count()).toBe(before + 1)
    await deliver()
    const link = linkInMail('wang.fang@example.cn')
    expect(link.kind).toBe('reset')
    const secret = link.token.split('.')[1]
    // the database (tokens, outbox, audit) never holds the secret the link carries
    expect(await everyStoredText()).not.toContain(secret)
    expect((await db.accountToken.findFirstOrThrow({ where: { userId: member.id } })).tokenHash).toMatch(/^[0-9a-f]{64}$/)
  })

  test('a reset ends every login, signs in here, and the link works once', async () => {
    const member = await createUser(db)
    const phone = await loginCookie(member.id)
    const laptop = await loginCookie(member.id)
    await requestPasswordReset(member.email)
    await deliver()
    const { token } = linkInMail(member.email)

    // GET shows the form and spends nothing
    const page = await resetRoute.loader({
      request: new Request(`http://localhost/account/reset/${token}`),
      params: { token },
      context: {},
    } as never)
    expect(await statusOf(async () => page)).toBe(200)

    const mismatch = await statusOf(() =>
      run(resetRoute.action as never, post(`/account/reset/${token}`, { password: 'autumn2027', confirmPassword: 'autumn2028' }), {
        token,
      }),
    )
    expect(mismatch).toBe(400)
    const done = (await run(
      resetRoute.action as never,
      post(`/account/reset/${token}`, { password: 'autumn2027', confirmPassword: 'autumn2027' }),
      { token },
    )) as Response
    expect(done.status).toBe(302)
    expect(done.headers.get('Location')).toBe('/me/bookings')
    for (const cookie of [phone, laptop]) {
      expect(await getUser(new Request('http://localhost/', { headers: { Cookie: cookie } }))).toBeNull()
    }
    const fresh = done.headers.get('Set-Cookie')!.split(';')[0]
    expect((await getUser(new Request('http://localhost/', { headers: { Cookie: fresh } })))?.id).toBe(member.id)
    expect(await db.authSession.count({ where: { userId: member.id } })).toBe(1)

    const again = await statusOf(() =>
      run(resetRoute.action as never, post(`/account/reset/${token}`, { password: 'winter2027', confirmPassword: 'winter2027' }), {
        token,
      }),
    )
    expect(again).toBe(410)
    expect(await db.auditLog.count({ where: { entityId: member.id, action: 'user.password-reset' } })).toBe(1)
  })

  test('expired after 30 minutes; forged, truncated and superseded links are refused; two clicks racing spend it once', async () => {
    const { now } = testClock()
    const member = await createUser(db)
    await requestPasswordReset(member.email, now)
    await deliver()
    const first = linkInMail(member.email).token
    expect(await resetPassword(first, 'autumn2027', new Date(now.getTime() + 31 * MINUTE))).toEqual({
      ok: false,
      error: 'account.linkProblem.expired',
    })

    const [id, secret] = first.split('.')
    const forged = `${id}.${secret.slice(0, -2)}${secret.endsWith('AA') ? 'BB' : 'AA'}`
    expect(await resetPassword(forged, 'autumn2027', now)).toEqual({ ok: false, error: 'account.linkProblem.invalid' })
    expect(await resetPassword(`${id}.`, 'autumn2027', now)).toEqual({ ok: false, error: 'account.linkProblem.invalid' })

    // asking again replaces the first link
    await requestPasswordReset(member.email, now)
    await deliver()
    const second = linkInMail(member.email).token
    expect(second).not.toBe(first)
    expect(await resetPassword(first, 'autumn2027', now)).toEqual({ ok: false, error: 'account.linkProblem.invalid' })

    const raced = await Promise.all([resetPassword(second, 'autumn2027', now), resetPassword(second, 'winter2027', now)])
    expect(raced.filter((r) => r.ok)).toHaveLength(1)
  })

  test('the owner gets in even while someone else’s guessing has paused their login', async () => {
    const { loginFailuresByAccount } = await import('~/utils/rate-limit.server')
    const member = await createUser(db)
    const key = `${member.email}|203.0.113.9`
    for (let i = 0; i < 10; i++) await loginFailuresByAccount.take(key)
    expect(await loginFailuresByAccount.blocked(key)).toBe(true)
    await requestPasswordReset(member.email)
    await deliver()
    const { token } = linkInMail(member.email)
    await run(resetRoute.action as never, post(`/account/reset/${token}`, { password: 'autumn2027', confirmPassword: 'autumn2027' }), {
      token,
    })
    expect(await loginFailuresByAccount.blocked(key)).toBe(false)
  })
})

describe('change password and email on the profile', () => {
  test('a password change needs the current one and ends the other logins, not this one', async () => {
    const member = await createUser(db)
    const here = await db.authSession.create({ data: { userId: member.id, expiresAt: new Date(Date.now() + 86_400_000) } })
    await db.authSession.create({ data: { userId: member.id, expiresAt: new Date(Date.now() + 86_400_000) } })
    expect(await changePassword({ userId: member.id, keepLoginId: here.id, current: 'wrong-one1', next: 'autumn2027' })).toEqual({
      ok: false,
      error: 'account.wrongPassword',
    })
    expect(await changePassword({ userId: member.id, keepLoginId: here.id, current: DEMO_PASSWORD, next: 'autumn2027' })).toEqual({
      ok: true,
    })
    expect((await db.authSession.findMany({ where: { userId: member.id } })).map((s) => s.id)).toEqual([here.id])
  })

  test('a new address counts once its link is followed; the old address is told; a taken address is refused', async () => {
    const member = await createUser(db, { email: 'old@example.cn' })
    await createUser(db, { email: 'taken@example.cn' })
    expect(await requestEmailChange({ userId: member.id, password: 'nope-nope1', newEmail: 'new@example.cn' })).toEqual({
      ok: false,
      error: 'account.wrongPassword',
    })
    expect(await requestEmailChange({ userId: member.id, password: DEMO_PASSWORD, newEmail: 'Taken@example.cn' })).toEqual({
      ok: false,
      error: 'auth.emailTaken',
    })
    expect(await requestEmailChange({ userId: member.id, password: DEMO_PASSWORD, newEmail: 'New@Example.cn' })).toEqual({ ok: true })
    expect((await db.user.findUniqueOrThrow({ where: { id: member.id } })).email).toBe('old@example.cn')
    await deliver()
    const { token } = linkInMail('new@example.cn')

    expect(await confirmEmailLink(token)).toEqual({ ok: true, purpose: 'change-email', email: 'new@example.cn' })
    const after = await db.user.findUniqueOrThrow({ where: { id: member.id } })
    expect(after.email).toBe('new@example.cn')
    expect(after.emailVerifiedAt).not.toBeNull()
    await deliver()
    const notice = smtp.current.received.at(-1)!.parsed
    expect(JSON.stringify(notice.to)).toContain('old@example.cn')
    expect(notice.text).toContain('new@example.cn')
  })

  test('someone signs up with the new address before the link is followed: refused, nothing half-changed', async () => {
    const member = await createUser(db, { email: 'mover@example.cn' })
    await requestEmailChange({ userId: member.id, password: DEMO_PASSWORD, newEmail: 'contested@example.cn' })
    await deliver()
    const { token } = linkInMail('contested@example.cn')
    await createUser(db, { email: 'contested@example.cn' })
    expect(await confirmEmailLink(token)).toEqual({ ok: false, error: 'account.linkProblem.taken' })
    expect((await db.user.findUniqueOrThrow({ where: { id: member.id } })).email).toBe('mover@example.cn')
    expect((await db.accountToken.findFirstOrThrow({ where: { userId: member.id, purpose: 'change-email' } })).usedAt).toBeNull()
  })
})
