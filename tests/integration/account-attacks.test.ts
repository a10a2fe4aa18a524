import { describe, expect, test } from 'vitest'
import { deliverDueMail } from '~/models/mail/outbox-worker.server'
import { confirmEmailLink, requestEmailChange, requestPasswordReset, resetPassword } from '~/models/user/account.server'
import { isCommonPassword } from '~/models/user/password-policy.server'
import * as loginRoute from '~/routes/login'
import * as profileRoute from '~/routes/me.profile'
import * as resetRoute from '~/routes/account.reset.$token'
import * as signupRoute from '~/routes/signup'
import { db } from '~/utils/db.server'
import { passwordDelayMs } from '~/utils/rate-limit.server'
import { clientKey } from '~/utils/request.server'
import { createUser, DEMO_PASSWORD } from '../factories'
import { loginCookie, post, statusOf } from './request'
import { useSmtpSink } from './smtp-sink'

// The second security review's account findings, attacked the way it found them: through the
// routes a browser posts to, mail through a real SMTP conversation.

const smtp = useSmtpSink()
const deliver = () =>
  deliverDueMail({ owner: 'attacks', transporter: smtp.current.transporter(), from: 'Carnation <no-reply@carnation.test>' })
type Args = { request: Request; params: Record<string, string>; context: Record<string, unknown> }
const run = (action: unknown, request: Request, address: string, params: Record<string, string> = {}) =>
  statusOf(() => (action as (a: Args) => Promise<unknown>)({ request, params, context: { clientAddress: address } }))

function linkTo(to: string, kind: 'reset' | 'verify') {
  const mail = [...smtp.current.received]
    .reverse()
    .find((m) => JSON.stringify(m.parsed.to).includes(to) && m.parsed.text?.includes(`/account/${kind}/`))
  expect(mail, `no ${kind} mail to ${to}`).toBeDefined()
  return new RegExp(`/account/${kind}/([a-z0-9]+\\.[A-Za-z0-9_-]+)`).exec(mail!.parsed.text ?? '')![1]
}

describe('a pending change of address does not outlive the owner taking the account back', () => {
  test('attacker asks to move the account; the owner is told at once, resets; the attacker’s link is dead', async () => {
    const owner = await createUser(db, { email: 'owner@example.cn' })
    expect(await requestEmailChange({ userId: owner.id, password: DEMO_PASSWORD, newEmail: 'thief@example.cn' })).toEqual({ ok: true })
    await deliver()
    // the current address hears of it before anything has changed
    const warning = smtp.current.received.find((m) => JSON.stringify(m.parsed.to).includes('owner@example.cn'))
    expect(warning?.parsed.text).toContain('thief@example.cn')
    const thiefLink = linkTo('thief@example.cn', 'verify')

    await requestPasswordReset('owner@example.cn')
    await deliver()
    const reset = await resetPassword(linkTo('owner@example.cn', 'reset'), 'a new long passphrase')
    expect(reset.ok).toBe(true)

    expect(await confirmEmailLink(thiefLink)).toEqual({ ok: false, error: 'account.linkProblem.invalid' })
    expect((await db.user.findUniqueOrThrow({ where: { id: owner.id } })).email).toBe('owner@example.cn')
  })

  test('a password change on the profile voids it too', async () => {
    const owner = await createUser(db, { email: 'owner2@example.cn' })
    await requestEmailChange({ userId: owner.id, password: DEMO_PASSWORD, newEmail: 'thief2@example.cn' })
    await deliver()
    const thiefLink = linkTo('thief2@example.cn', 'verify')
    const cookie = await loginCookie(owner.id)
    const changed = await run(
      profileRoute.action,
      post(
        '/me/profile',
        {
          intent: 'change-password',
          currentPassword: DEMO_PASSWORD,
          password: 'another passphrase',
          confirmPassword: 'another passphrase',
        },
        cookie,
      ),
      '198.51.100.1',
    )
    expect(changed).toBe(200)
    expect(await confirmEmailLink(thiefLink)).toEqual({ ok: false, error: 'account.linkProblem.invalid' })
  })

  test('pre-hijack: someone signed up first with the victim’s address; the victim’s reset leaves nothing of theirs working', async () => {
    const signedUp = await run(
      signupRoute.action,
      post('/signup', {
        email: 'victim@example.cn',
        password: 'attacker passphrase',
        confirmPassword: 'attacker passphrase',
        acceptNotice: 'on',
        name: '冒名',
        phone: '13900001111',
        gender: 'female',
        birthDate: '1990-01-01',
      }),
      '198.51.100.66',
    )
    expect(signedUp).toBe(302)
    const account = await db.user.findUniqueOrThrow({ where: { email: 'victim@example.cn' } })
    const attackerLogin = await loginCookie(account.id)
    await requestEmailChange({ userId: account.id, password: 'attacker passphrase', newEmail: 'attacker@example.cn' })
    await deliver()
    const attackerLink = linkTo('attacker@example.cn', 'verify')
    const feedBefore = account.calendarToken

    await requestPasswordReset('victim@example.cn')
    await deliver()
    expect((await resetPassword(linkTo('victim@example.cn', 'reset'), 'victim passphrase')).ok).toBe(true)

    expect(await confirmEmailLink(attackerLink)).toEqual({ ok: false, error: 'account.linkProblem.invalid' })
    const after = await db.user.findUniqueOrThrow({ where: { id: account.id } })
    expect(after.calendarToken).not.toBe(feedBefore) // a copied feed address reads nothing more
    expect(await db.accountToken.count({ where: { userId: account.id, usedAt: null } })).toBe(0)
    const profile = await statusOf(() =>
      profileRoute.loader({
        request: new Request('http://localhost/me/profile', { headers: { Cookie: attackerLogin } }),
        params: {},
        context: {},
      } as never),
    )
    expect(profile).toBe(302) // the attacker's login ended
  })
})

describe('passwords', () => {
  test('ten characters, no composition rule, the common ones refused', async () => {
    expect(isCommonPassword('1234567890')).toBe(true)
    expect(isCommonPassword('QwertyUiop')).toBe(true)
    expect(isCommonPassword('a long phrase')).toBe(false)
    const signup = (password: string) =>
      run(
        signupRoute.action,
        post('/signup', {
          email: `p${Math.random().toString(36).slice(2)}@example.cn`,
          password,
          confirmPassword: password,
          acceptNotice: 'on',
          name: '测试',
          phone: '13900001112',
          gender: 'male',
          birthDate: '1990-01-01',
        }),
        `198.51.100.${Math.floor(Math.random() * 200)}`,
      )
    expect(await signup('short1')).toBe(400)
    expect(await signup('1234567890')).toBe(400)
    expect(await signup('qwertyuiop')).toBe(400)
    expect(await signup('只有汉字的一句长密码吧')).toBe(302) // no letters-and-digits rule
  })

  test('a reset to a common password is refused with the reason', async () => {
    const member = await createUser(db, { email: 'common@example.cn' })
    await requestPasswordReset(member.email)
    await deliver()
    const token = linkTo(member.email, 'reset')
    const answer = (await resetRoute.action({
      request: post(`/account/reset/${token}`, { password: 'password1234', confirmPassword: 'password1234' }),
      params: { token },
      context: {},
    } as never)) as { data: { result: { error: Record<string, string[]> } } }
    expect(JSON.stringify(answer)).toContain('errors.passwordCommon')
  })
})

describe('mail on request is limited per account and per client', () => {
  test('resend verification: three an hour per account, then 429 and no mail', async () => {
    const member = await createUser(db, { emailVerified: false })
    const cookie = await loginCookie(member.id)
    const statuses = []
    for (let i = 0; i < 5; i++)
      statuses.push(await run(profileRoute.action, post('/me/profile', { intent: 'resend-verification' }, cookie), '198.51.100.2'))
    expect(statuses).toEqual([200, 200, 200, 429, 429])
    expect(await db.outboxMessage.count({ where: { toEmail: member.email, kind: 'verify-email' } })).toBe(3)
  })

  test('change email: a client sending to many addresses is stopped', async () => {
    const member = await createUser(db)
    const cookie = await loginCookie(member.id)
    const statuses = []
    for (let i = 0; i < 4; i++) {
      statuses.push(
        await run(
          profileRoute.action,
          post('/me/profile', { intent: 'change-email', newEmail: `flood${i}@example.cn`, currentPassword: DEMO_PASSWORD }, cookie),
          '198.51.100.3',
        ),
      )
    }
    expect(statuses).toEqual([200, 200, 200, 429])
  })

  test('sign-up: a client checking a list of addresses is stopped after ten tries (taken or not)', async () => {
    const existing = await createUser(db)
    const statuses = []
    for (let i = 0; i < 12; i++) {
      statuses.push(
        await run(
          signupRoute.action,
          post('/signup', {
            email: i % 2 ? existing.email : `list${i}@example.cn`,
            password: 'a fine passphrase',
            confirmPassword: 'a fine passphrase',
            acceptNotice: 'on',
            name: '列表',
            phone: '13900001113',
            gender: 'male',
            birthDate: '1990-01-01',
          }),
          '2001:db8:5:6:aaaa::1',
        ),
      )
    }
    expect(statuses.slice(0, 10).filter((s) => s === 409)).toHaveLength(5)
    expect(statuses.slice(10)).toEqual([429, 429])
    // another address in the same /64 is the same client
    expect(clientKey('2001:db8:5:6:ffff::9')).toBe(clientKey('2001:db8:5:6:aaaa::1'))
    expect(clientKey('::ffff:203.0.113.5')).toBe('203.0.113.5')
  })
})

describe('password guessing', () => {
  const attempt = (email: string, password: string, address: string) => run(loginRoute.action, post('/login', { email, password }), address)

  test('concurrent guesses are counted before they are checked: ten checked, the rest refused', async () => {
    const parent = await createUser(db)
    const statuses = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(parent.email, `guess number ${i}`, '198.51.100.4')))
    expect(statuses.filter((s) => s === 400)).toHaveLength(10)
    expect(statuses.filter((s) => s === 429)).toHaveLength(30)
  })

  test('guesses from many addresses slow the account down; the owner still gets in', async () => {
    expect([0, 5, 6, 7, 8, 9, 30].map(passwordDelayMs)).toEqual([0, 0, 500, 1000, 2000, 4000, 4000])
    const parent = await createUser(db)
    // twelve rivals, each from an address of their own: none of them reaches a per-client limit
    const statuses = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt(parent.email, 'wrong guess', `192.0.2.${i + 1}`)))
    expect(statuses.every((s) => s === 400)).toBe(true)
    const started = Date.now()
    expect(await attempt(parent.email, DEMO_PASSWORD, '203.0.113.77')).toBe(302)
    expect(Date.now() - started).toBeGreaterThanOrEqual(3_500) // slowed, not blocked
  })
})
