import { describe, expect, test } from 'vitest'
import * as childRoute from '~/routes/me.children.$childId'
import * as childrenRoute from '~/routes/me.children._index'
import * as languageRoute from '~/routes/language'
import * as loginRoute from '~/routes/login'
import * as myBookingsRoute from '~/routes/me.bookings'
import * as profileRoute from '~/routes/me.profile'
import * as programmeRoute from '~/routes/programmes.$slug'
import * as signupRoute from '~/routes/signup'
import * as catalogueRoute from '~/routes/programmes._index'
import * as offerRoute from '~/routes/offers.$bookingId'
import { db } from '~/utils/db.server'
import { createChild, createDepartment, createProgramme, createSession, createUser } from '../factories'
import { testClock } from '../clock'
import { loginCookie, post, statusOf } from './request'

const HOSTILE = [
  {},
  { email: "' OR 1=1 --", password: 'x' },
  { name: 'x'.repeat(10_000), birthDate: '2999-01-01', gender: 'robot', phone: '<script>alert(1)</script>' },
  { birthDate: '2020-02-30', gender: 'female', name: '   ', phone: '12' },
  { intent: 'drop-tables', sessionId: '../../etc/passwd', bookingId: '1; DELETE FROM Booking' },
  { intent: 'book', sessionId: 'c'.repeat(25), childId: ['<img src=x>'] },
  { intent: 'cancel', bookingId: '' },
  { lang: 'fr', redirectTo: 'https://evil.example' },
]

async function counts() {
  const [users, children, bookings, sessions, outbox, audit] = await Promise.all([
    db.user.count(),
    db.child.count(),
    db.booking.count(),
    db.authSession.count(),
    db.outboxMessage.count(),
    db.auditLog.count(),
  ])
  return { users, children, bookings, sessions, outbox, audit }
}

describe('every action refuses malformed and hostile input with a 4xx and writes nothing', async () => {
  test('all forms', async () => {
    const { now } = testClock()
    const dept = await createDepartment(db)
    const programme = await createProgramme(db, dept.id, { slug: 'hostile-test' }, now)
    await createSession(db, programme.id, {}, now)
    const member = await createUser(db)
    const child = await createChild(db, member.id)
    const cookie = await loginCookie(member.id)
    type Action = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>
    const actions: [string, Action, Record<string, string>][] = [
      ['/login', loginRoute.action as Action, {}],
      ['/signup', signupRoute.action as Action, {}],
      ['/me/profile', profileRoute.action as Action, {}],
      ['/me/children', childrenRoute.action as Action, {}],
      [`/me/children/${child.id}`, childRoute.action as Action, { childId: child.id }],
      ['/programmes/hostile-test', programmeRoute.action as Action, { slug: 'hostile-test' }],
      ['/me/bookings', myBookingsRoute.action as Action, {}],
      ['/language', languageRoute.action as Action, {}],
      [`/offers/${child.id}`, offerRoute.action as Action, { bookingId: child.id }],
    ]
    for (const [path, action, params] of actions) {
      for (const fields of HOSTILE) {
        const before = await counts()
        // login always creates no session for bad credentials; the cookie is there for the rest
        const status = await statusOf(() => action({ request: post(path, fields as never, cookie), params, context: {} }))
        expect(status, `${path} ${JSON.stringify(fields).slice(0, 80)}`).toBeGreaterThanOrEqual(400)
        expect(status).toBeLessThan(500)
        expect(await counts(), `${path} wrote something`).toEqual(before)
      }
    }
  })

  test('a malformed catalogue query is a 400, not a 500', async () => {
    for (const query of ['kind=robot', 'month=2026-13', `q=${'x'.repeat(60)}`]) {
      const status = await statusOf(() =>
        catalogueRoute.loader({ request: new Request(`http://localhost/programmes?${query}`), params: {}, context: {} }),
      )
      expect(status, query).toBe(400)
    }
  })

  test('someone else’s child cannot be read, edited or removed (404)', async () => {
    const owner = await createUser(db)
    const child = await createChild(db, owner.id, { name: '别人的孩子' })
    const intruder = await loginCookie((await createUser(db)).id)
    const params = { childId: child.id }
    const request = new Request(`http://localhost/me/children/${child.id}`, { headers: { Cookie: intruder } })
    expect(await statusOf(() => childRoute.loader({ request, params, context: {} }))).toBe(404)
    const edit = post(`/me/children/${child.id}`, { intent: 'update', name: '改名', birthDate: '2017-01-01', gender: 'male' }, intruder)
    expect(await statusOf(() => childRoute.action({ request: edit, params, context: {} }))).toBe(404)
    const remove = post(`/me/children/${child.id}`, { intent: 'remove' }, intruder)
    expect(await statusOf(() => childRoute.action({ request: remove, params, context: {} }))).toBe(404)
    expect((await db.child.findUniqueOrThrow({ where: { id: child.id } })).name).toBe('别人的孩子')
  })
})
