import { describe, expect, test } from 'vitest'
import { bookSession } from '~/models/booking/book-session.server'
import * as adminOutbox from '~/routes/admin.outbox'
import * as adminStaff from '~/routes/admin.staff'
import * as membersPage from '~/routes/organiser.members'
import { assignOrganiser, removeOrganiser } from '~/models/organiser/staff.server'
import * as doorCheckIn from '~/routes/organiser.check-in.$bookingId'
import * as dashboard from '~/routes/organiser._index'
import * as programmePage from '~/routes/organiser.programmes.$programmeId'
import * as newProgramme from '~/routes/organiser.programmes.new'
import * as sessionPage from '~/routes/organiser.sessions.$sessionId'
import * as sessionCsv from '~/routes/organiser.sessions.$sessionId[.]csv'
import * as lotteryPage from '~/routes/organiser.programmes.$programmeId_.lottery'
import * as lotteryCsv from '~/routes/organiser.programmes.$programmeId_.lottery[.]csv'
import * as socialConsole from '~/routes/organiser.sessions.$sessionId_.social'
import * as socialPage from '~/routes/me.bookings_.$bookingId.social'
import { db } from '~/utils/db.server'
import { createDepartment, createProgramme, createSession, createUser } from '../factories'
import { testClock } from '../clock'
import { loginCookie, post, statusOf } from './request'

type Fn = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<unknown>

/** A booked session of department A, and a logged-in caller of every kind. */
async function bookedSessionAndCallers() {
  const { now } = testClock()
  const [deptA, deptB] = [await createDepartment(db), await createDepartment(db)]
  // a social with a mutual-choice round, so that its console and the member's page exist
  const programme = await createProgramme(db, deptA.id, { kind: 'social', mutualChoice: true }, now)
  const session = await createSession(db, programme.id, {}, now)
  const member = await createUser(db)
  await bookSession({ userId: member.id, sessionId: session.id, attendees: [{ kind: 'self', userId: member.id }], now })
  const booking = await db.booking.findFirstOrThrow()
  const who = {
    anonymous: '',
    member: await loginCookie(member.id),
    organiserA: await loginCookie((await createUser(db, { role: 'organiser', departmentId: deptA.id })).id),
    organiserB: await loginCookie((await createUser(db, { role: 'organiser', departmentId: deptB.id })).id),
    admin: await loginCookie((await createUser(db, { role: 'admin' })).id),
  }
  return { programme, session, booking, who }
}

describe('organiser access matrix: who reaches which organiser route', () => {
  test('member / organiser of A / organiser of B / admin / anonymous × every organiser loader and action', async () => {
    const { programme, session, booking, who } = await bookedSessionAndCallers()
    const p = { programmeId: programme.id, sessionId: session.id, bookingId: booking.id }
    // [name, kind, fn, path, expected status for anonymous, member, organiserA, organiserB, admin]
    // actions post an unknown intent: 400 means the guard let the caller through to validation
    const routes: [string, 'get' | 'post', Fn, string, number[]][] = [
      ['dashboard', 'get', dashboard.loader as Fn, '/organiser', [302, 403, 200, 200, 200]],
      ['new programme', 'get', newProgramme.loader as Fn, '/organiser/programmes/new', [302, 403, 200, 200, 200]],
      ['new programme', 'post', newProgramme.action as Fn, '/organiser/programmes/new', [302, 403, 400, 400, 400]],
      ['programme', 'get', programmePage.loader as Fn, `/organiser/programmes/${programme.id}`, [302, 403, 200, 404, 200]],
      ['programme', 'post', programmePage.action as Fn, `/organiser/programmes/${programme.id}`, [302, 403, 400, 404, 400]],
      ['lottery', 'get', lotteryPage.loader as Fn, `/organiser/programmes/${programme.id}/lottery`, [302, 403, 200, 404, 200]],
      ['lottery', 'post', lotteryPage.action as Fn, `/organiser/programmes/${programme.id}/lottery`, [302, 403, 400, 404, 400]],
      ['lottery csv', 'get', lotteryCsv.loader as Fn, `/organiser/programmes/${programme.id}/lottery.csv`, [302, 403, 200, 404, 200]],
      ['roster', 'get', sessionPage.loader as Fn, `/organiser/sessions/${session.id}`, [302, 403, 200, 404, 200]],
      ['roster', 'post', sessionPage.action as Fn, `/organiser/sessions/${session.id}`, [302, 403, 400, 404, 400]],
      ['csv', 'get', sessionCsv.loader as Fn, `/organiser/sessions/${session.id}.csv`, [302, 403, 200, 404, 200]],
      ['mutual choice', 'get', socialConsole.loader as Fn, `/organiser/sessions/${session.id}/social`, [302, 403, 200, 404, 200]],
      ['mutual choice', 'post', socialConsole.action as Fn, `/organiser/sessions/${session.id}/social`, [302, 403, 400, 404, 400]],
      // the member's own page of the round: theirs only (anyone else: not found)
      ['my mutual choice', 'get', socialPage.loader as Fn, `/me/bookings/${booking.id}/social`, [302, 200, 404, 404, 404]],
      ['door check-in', 'get', doorCheckIn.loader as Fn, `/organiser/check-in/${booking.id}`, [302, 403, 200, 404, 200]],
      ['outbox', 'get', adminOutbox.loader as Fn, '/admin/outbox', [302, 403, 403, 403, 200]],
      ['staff', 'get', adminStaff.loader as Fn, '/admin/staff', [302, 403, 403, 403, 200]],
      ['staff', 'post', adminStaff.action as Fn, '/admin/staff', [302, 403, 403, 403, 400]],
    ]
    const failures: string[] = []
    for (const [name, kind, fn, path, expected] of routes) {
      for (const [i, [role, cookie]] of Object.entries(who).entries()) {
        const headers = cookie ? { Cookie: cookie } : undefined
        const request =
          kind === 'get' ? new Request(`http://localhost${path}`, { headers }) : post(path, { intent: 'nothing-real' }, cookie || undefined)
        const status = await statusOf(() => fn({ request, params: p, context: {} }))
        if (status !== expected[i]) failures.push(`${kind} ${name} as ${role}: ${status}, expected ${expected[i]}`)
      }
    }
    expect(failures).toEqual([])
  })

  test('only organisers of the session’s department and admins check someone in, on the roster or at the door', async () => {
    const { session, booking, who } = await bookedSessionAndCallers()
    const ways: [string, Fn, string, Record<string, string>][] = [
      [
        'roster',
        sessionPage.action as Fn,
        `/organiser/sessions/${session.id}`,
        { intent: 'check-in', bookingId: booking.id, override: 'true' },
      ],
      ['door', doorCheckIn.action as Fn, `/organiser/check-in/${booking.id}`, { intent: 'check-in', override: 'true' }],
    ]
    const seen: string[] = []
    for (const [way, fn, path, fields] of ways) {
      for (const [role, cookie] of Object.entries(who)) {
        await db.attendance.deleteMany({ where: { bookingId: booking.id } })
        const status = await statusOf(() =>
          fn({ request: post(path, fields, cookie || undefined), params: { sessionId: session.id, bookingId: booking.id }, context: {} }),
        )
        const arrived = await db.attendance.count({ where: { bookingId: booking.id, status: 'present' } })
        seen.push(`${way} as ${role}: ${status}, ${arrived ? 'checked in' : 'not checked in'}`)
      }
    }
    expect(seen).toEqual([
      'roster as anonymous: 302, not checked in',
      'roster as member: 403, not checked in',
      'roster as organiserA: 200, checked in',
      'roster as organiserB: 404, not checked in',
      'roster as admin: 200, checked in',
      'door as anonymous: 302, not checked in',
      'door as member: 403, not checked in',
      'door as organiserA: 200, checked in',
      'door as organiserB: 404, not checked in',
      'door as admin: 200, checked in',
    ])
  })
})

describe('members: erasure on request is the admins’; contact details only where the member books', () => {
  test('an organiser cannot erase a member (whose bookings may be in another department); an admin can', async () => {
    const { booking, who } = await bookedSessionAndCallers()
    const member = await db.user.findUniqueOrThrow({ where: { id: booking.bookerId } })
    const erase = (cookie: string) =>
      statusOf(() =>
        (membersPage.action as Fn)({
          request: post(
            '/organiser/members',
            { intent: 'erase', email: member.email, request: '书面申请 2027-01-02' },
            cookie || undefined,
          ),
          params: {},
          context: {},
        }),
      )
    const seen: string[] = []
    for (const role of ['anonymous', 'member', 'organiserA', 'organiserB'] as const) {
      seen.push(`${role}: ${await erase(who[role])}, ${(await db.booking.findUniqueOrThrow({ where: { id: booking.id } })).status}`)
    }
    expect(seen).toEqual([
      'anonymous: 302, confirmed',
      'member: 403, confirmed',
      'organiserA: 403, confirmed',
      'organiserB: 403, confirmed',
    ])
    expect(await erase(who.admin)).toBe(200)
    expect((await db.booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe('cancelled')
  })

  test('pending numbers: every organiser sees name and number to check; email and phone only in the member’s department', async () => {
    const { booking, who } = await bookedSessionAndCallers()
    await db.user.update({ where: { id: booking.bookerId }, data: { memberNo: 'YC7788', memberVerifiedAt: null } })
    const member = await db.user.findUniqueOrThrow({ where: { id: booking.bookerId } })
    const page = async (cookie: string) => {
      const loaded = (await (membersPage.loader as Fn)({
        request: new Request('http://localhost/organiser/members', { headers: { Cookie: cookie } }),
        params: {},
        context: {},
      })) as { claims: { id: string; name: string; email: string | null; phone: string | null }[]; canErase: boolean }
      const claim = loaded.claims.find((c) => c.id === member.id)!
      return { name: claim.name, email: claim.email, phone: claim.phone, canErase: loaded.canErase }
    }
    expect(await page(who.organiserA)).toEqual({ name: member.name, email: member.email, phone: member.phone, canErase: false })
    expect(await page(who.organiserB)).toEqual({ name: member.name, email: null, phone: null, canErase: false })
    expect(await page(who.admin)).toEqual({ name: member.name, email: member.email, phone: member.phone, canErase: true })
    expect(
      await statusOf(() =>
        (membersPage.loader as Fn)({
          request: new Request('http://localhost/organiser/members', { headers: { Cookie: who.member } }),
          params: {},
          context: {},
        }),
      ),
    ).toBe(403)
  })
})

describe('admins manage organisers', () => {
  test('assigning makes a member an organiser of a department; removing revokes their logins at once', async () => {
    const dept = await createDepartment(db)
    const admin = await createUser(db, { role: 'admin' })
    const person = await createUser(db, { email: 'new.organiser@example.cn' })
    expect(await assignOrganiser('New.Organiser@example.cn', dept.id, admin.id)).toEqual({ ok: true })
    expect(await db.user.findUniqueOrThrow({ where: { id: person.id } })).toMatchObject({ role: 'organiser', departmentId: dept.id })
    expect(await assignOrganiser('nobody@example.cn', dept.id, admin.id)).toEqual({ ok: false, error: 'admin.noSuchAccount' })
    const cookie = await loginCookie(person.id)
    expect(await removeOrganiser(person.id, admin.id)).toBe(true)
    expect(
      await statusOf(() =>
        (dashboard.loader as Fn)({
          request: new Request('http://localhost/organiser', { headers: { Cookie: cookie } }),
          params: {},
          context: {},
        }),
      ),
    ).toBe(302)
  })
})
