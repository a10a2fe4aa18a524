import { describe, expect, test } from 'vitest'
import * as programmePage from '~/routes/organiser.programmes.$programmeId'
import * as newProgramme from '~/routes/organiser.programmes.new'
import { db } from '~/utils/db.server'
import { shanghaiTime } from '~/utils/time'
import { testClock } from '../clock'
import { createDepartment, createProgramme, createSession, createUser } from '../factories'
import { loginCookie, post, statusOf } from './request'

type Fn = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<unknown>
type Reply = { data: { feedback?: { errors?: Record<string, string[]> }; error?: Record<string, string[]> } }

// this file's clock: a free day and a day with a session, months ahead, and one in the past
const clock = testClock()
const { now } = clock
const [freeDay, busyDay, pastDay] = [clock.day(200), clock.day(170), clock.day(-30)]

const session = {
  intent: 'add-session',
  startsAt: `${freeDay}T09:00`,
  endsAt: `${freeDay}T11:00`,
  capacity: '10',
  placeZh: '中心',
  placeEn: 'Centre',
}

describe('organiser forms refuse bad input with the reason and write nothing', () => {
  test.each([
    ['end before start', { endsAt: `${freeDay}T08:00` }, 'errors.endBeforeStart', 400],
    ['capacity below zero', { capacity: '-1' }, 'errors.numberRange', 400],
    ['quotas over capacity', { femaleQuota: '6', maleQuota: '6' }, 'errors.quotaOverCapacity', 400],
    ['date in the past', { startsAt: `${pastDay}T09:00`, endsAt: `${pastDay}T11:00` }, 'errors.inThePast', 409],
    ['overlapping an existing session', { startsAt: `${busyDay}T10:00`, endsAt: `${busyDay}T12:00` }, 'errors.overlap', 409],
  ])('%s', async (_name, change, error, status) => {
    const dept = await createDepartment(db)
    const programme = await createProgramme(db, dept.id, {}, now)
    await createSession(db, programme.id, { startsAt: shanghaiTime(busyDay, '09:00'), endsAt: shanghaiTime(busyDay, '11:00') }, now)
    const cookie = await loginCookie((await createUser(db, { role: 'organiser', departmentId: dept.id })).id)
    const before = await db.session.count()
    const call = () =>
      (programmePage.action as Fn)({
        request: post(`/organiser/programmes/${programme.id}`, { ...session, ...change }, cookie),
        params: { programmeId: programme.id },
        context: {},
      })
    expect(await statusOf(call)).toBe(status)
    const reply = (await call()) as Reply
    expect(JSON.stringify(reply.data.feedback?.errors)).toContain(error)
    expect(await db.session.count()).toBe(before)
  })

  test('a programme whose booking closes before it opens, or with ages reversed, is refused', async () => {
    const dept = await createDepartment(db)
    const cookie = await loginCookie((await createUser(db, { role: 'organiser', departmentId: dept.id })).id)
    const fields = {
      slug: 'reversed-programme',
      kind: 'social',
      titleZh: '测试',
      titleEn: 'Test',
      summaryZh: '简介',
      summaryEn: 'Summary',
      descriptionZh: '介绍',
      descriptionEn: 'Description',
      audience: 'self',
      minAge: '35',
      maxAge: '22',
      bookingOpensAt: `${clock.day(20)}T09:00`,
      bookingClosesAt: `${clock.day(19)}T09:00`,
      cancelDeadlineHours: '24',
      waitlistMode: 'auto',
      offerHours: '24',
    }
    const reply = (await (newProgramme.action as Fn)({
      request: post('/organiser/programmes/new', fields, cookie),
      params: {},
      context: {},
    })) as Reply
    expect(reply.data.error).toMatchObject({ maxAge: ['errors.agesReversed'], bookingClosesAt: ['errors.endBeforeStart'] })
    expect(await db.programme.count()).toBe(0)
  })
})
