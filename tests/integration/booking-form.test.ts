import { describe, expect, test } from 'vitest'
import * as programmeRoute from '~/routes/programmes.$slug'
import { db } from '~/utils/db.server'
import { createChild, createDepartment, createProgramme, createSession, createUser } from '../factories'
import { testClock } from '../clock'
import { loginCookie, post, statusOf } from './request'

type Fn = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<unknown>

describe('the booking form as a browser without JavaScript posts it', () => {
  test('one child ticked, then two: each books, and the answer is a 303 back to the page', async () => {
    const { now } = testClock()
    const dept = await createDepartment(db)
    const programme = await createProgramme(db, dept.id, { audience: 'child', slug: 'camp-form-test' }, now)
    const session = await createSession(db, programme.id, {}, now)
    const parent = await createUser(db)
    const [a, b] = [await createChild(db, parent.id), await createChild(db, parent.id)]
    const cookie = await loginCookie(parent.id)
    const send = (childId: string | string[]) =>
      (programmeRoute.action as Fn)({
        request: post('/programmes/camp-form-test', { intent: 'book', sessionId: session.id, childId }, cookie),
        params: { slug: 'camp-form-test' },
        context: {},
      })
    const first = (await send(a.id)) as Response
    expect(first.status).toBe(303)
    expect(first.headers.get('Location')).toBe('/programmes/camp-form-test')
    expect(await statusOf(() => send([a.id, b.id]))).toBe(303)
    expect(await db.booking.count({ where: { sessionId: session.id, status: 'confirmed' } })).toBe(2)
  })
})

describe('a children’s programme booked without ticking a child', () => {
  test('says to choose someone (400) and books nothing', async () => {
    const { now } = testClock()
    const dept = await createDepartment(db)
    const programme = await createProgramme(db, dept.id, { audience: 'child', slug: 'camp-none-ticked' }, now)
    const session = await createSession(db, programme.id, {}, now)
    const parent = await createUser(db)
    await createChild(db, parent.id)
    const cookie = await loginCookie(parent.id)
    const result = (await (programmeRoute.action as Fn)({
      request: post('/programmes/camp-none-ticked', { intent: 'book', sessionId: session.id }, cookie),
      params: { slug: 'camp-none-ticked' },
      context: {},
    })) as { init: { status: number }; data: { notices: { key: string }[] } }
    expect(result.init.status).toBe(400)
    expect(result.data.notices[0].key).toBe('booking.chooseSomeone')
    expect(await db.booking.count()).toBe(0)
  })
})
