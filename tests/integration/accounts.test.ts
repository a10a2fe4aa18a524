import { describe, expect, test } from 'vitest'
import * as loginRoute from '~/routes/login'
import * as logoutRoute from '~/routes/logout'
import * as signupRoute from '~/routes/signup'
import { getUser } from '~/web/auth.server'
import { db } from '~/utils/db.server'
import { post, statusOf } from './request'

const signupFields = {
  email: 'Li.Na@Example.cn',
  password: 'spring2027',
  confirmPassword: 'spring2027',
  acceptNotice: 'on',
  name: '李娜',
  phone: '13900001111',
  gender: 'female',
  birthDate: '1995-03-08',
  memberNo: 'YC123456',
}
type Args = { request: Request; params: object; context: object }
const run = (action: (a: Args) => Promise<unknown>, request: Request) => action({ request, params: {}, context: {} })

describe('accounts', () => {
  test('sign up, duplicate sign-up, wrong password, log in, log out (session revoked)', async () => {
    const created = (await run(signupRoute.action as never, post('/signup', signupFields))) as Response
    expect(created.status).toBe(302)
    const user = await db.user.findUniqueOrThrow({ where: { email: 'li.na@example.cn' } })
    expect(user.passwordHash).not.toContain('spring2027')
    expect(user.passwordHash).toMatch(/^\$2[aby]\$/)

    const again = await statusOf(() => run(signupRoute.action as never, post('/signup', signupFields)))
    expect(again).toBe(409)
    expect(await db.user.count()).toBe(1)

    const weak = await statusOf(() =>
      run(
        signupRoute.action as never,
        post('/signup', { ...signupFields, email: 'b@example.cn', password: 'password', confirmPassword: 'password' }),
      ),
    )
    expect(weak).toBe(400)

    for (const [email, password] of [
      ['li.na@example.cn', 'wrong-pass1'],
      ['nobody@example.cn', 'spring2027'],
    ]) {
      const status = await statusOf(() => run(loginRoute.action as never, post('/login', { email, password })))
      expect(status).toBe(400)
    }
    const sessionsBefore = await db.authSession.count()
    const loggedIn = (await run(
      loginRoute.action as never,
      post('/login', { email: 'LI.NA@example.cn', password: 'spring2027', redirectTo: '//evil.example' }),
    )) as Response
    expect(loggedIn.status).toBe(302)
    expect(loggedIn.headers.get('Location')).toBe('/me/bookings')
    const cookie = loggedIn.headers.get('Set-Cookie')!.split(';')[0]
    expect(loggedIn.headers.get('Set-Cookie')).toMatch(/HttpOnly/i)
    expect(loggedIn.headers.get('Set-Cookie')).toMatch(/SameSite=Lax/i)
    expect(await db.authSession.count()).toBe(sessionsBefore + 1)
    const withCookie = new Request('http://localhost/', { headers: { Cookie: cookie } })
    expect((await getUser(withCookie))?.email).toBe('li.na@example.cn')

    await run(logoutRoute.action as never, post('/logout', {}, cookie))
    // the same cookie, replayed after logout, no longer signs anyone in
    expect(await getUser(new Request('http://localhost/', { headers: { Cookie: cookie } }))).toBeNull()
  })
})
