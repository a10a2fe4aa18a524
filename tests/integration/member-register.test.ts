import { describe, expect, test } from 'vitest'
import { bookSession } from '~/models/booking/book-session.server'
import { importMemberRegister, pendingMemberClaims, verifyMemberByHand } from '~/models/user/member-register.server'
import { updateProfile } from '~/models/user/profile.server'
import * as membersRoute from '~/routes/organiser.members'
import * as signupRoute from '~/routes/signup'
import { db } from '~/utils/db.server'
import { shanghaiTime } from '~/utils/time'
import { testClock } from '../clock'
import { createDepartment, createProgramme, createSession, createUser } from '../factories'
import { loginCookie, post, statusOf } from './request'

// A membership number counts only when verified: it matches the federation's register under
// the member's name, or an organiser checked it. Members-only places need a verified number.

const REGISTER = '\uFEFF会员证号,姓名,电话\nYC0001,王芳,13900000001\nYC0002, 刘 洋 ,\nbad number!,张三,1\nYC0003,,139\n'

async function membersOnlySession() {
  const { now } = testClock()
  const dept = await createDepartment(db)
  const programme = await createProgramme(db, dept.id, { membersOnly: true }, now)
  return { now, session: await createSession(db, programme.id, {}, now) }
}

describe('the member register', () => {
  test('import: Chinese headers and a BOM, bad rows listed by line; matching number and name verify, others wait', async () => {
    const admin = await createUser(db, { role: 'admin', memberNo: null })
    const wang = await createUser(db, { name: '王芳', memberNo: 'yc0001', memberVerified: false })
    const liu = await createUser(db, { name: '刘洋', memberNo: 'YC0002', memberVerified: false })
    const impostor = await createUser(db, { name: '李四', memberNo: 'YC0003', memberVerified: false })
    const fake = await createUser(db, { name: '赵六', memberNo: 'FAKE-0001', memberVerified: false })

    const report = await importMemberRegister(REGISTER, admin.id)
    expect(report).toEqual({
      ok: true,
      rows: 2,
      added: 2,
      updated: 0,
      verified: 2,
      problems: [
        { line: 4, message: 'errors.memberNo' },
        { line: 5, message: 'errors.required' },
      ],
    })
    const verified = async (id: string) => (await db.user.findUniqueOrThrow({ where: { id } })).memberVerifiedAt !== null
    expect(await verified(wang.id)).toBe(true)
    expect(await verified(liu.id)).toBe(true)
    expect(await verified(impostor.id)).toBe(false) // YC0003 was refused (no name), so not in the register
    expect(await verified(fake.id)).toBe(false)

    // re-import: a row replaces what its number said; the impostor's number is someone else's
    const again = await importMemberRegister('memberNo,name\nYC0003,孙七\nYC0001,王芳\n', admin.id)
    expect(again).toMatchObject({ ok: true, rows: 2, added: 1, updated: 1, verified: 0 })
    expect(await verified(impostor.id)).toBe(false)
    const { claims } = await pendingMemberClaims({ role: 'admin', departmentId: null })
    expect(claims.find((c) => c.id === impostor.id)?.registerName).toBe('孙七')
    expect(claims.find((c) => c.id === fake.id)?.registerName).toBeNull()

    // the work unit, when the file has the column (the reports count households by it); a long one is refused
    const withUnits = await importMemberRegister(
      '会员证号,姓名,工作单位\nYC0004,周八,盐城港务集团工会\nYC0005,吴九,' + '长'.repeat(101) + '\n',
      admin.id,
    )
    expect(withUnits).toMatchObject({ ok: true, rows: 1, problems: [{ line: 3, message: 'errors.tooLong' }] })
    expect((await db.memberRecord.findUniqueOrThrow({ where: { memberNo: 'YC0004' } })).unit).toBe('盐城港务集团工会')
    expect((await db.memberRecord.findUniqueOrThrow({ where: { memberNo: 'YC0001' } })).unit).toBeNull()
    expect(await importMemberRegister('number;name\n1;2', admin.id)).toEqual({ ok: false, error: 'members.noHeader' })
    expect(await importMemberRegister('会员证号,姓名\n', admin.id)).toEqual({ ok: false, error: 'members.empty' })
    expect(await importMemberRegister('会员证号,姓名\n"YC9,王', admin.id)).toEqual({ ok: false, error: 'members.unreadable' })
  })

  test('members-only: a typed number books nothing until verified (by hand here); one number, one account', async () => {
    const { now, session } = await membersOnlySession()
    const organiser = await createUser(db, { role: 'organiser' })
    const claimant = await createUser(db, { memberNo: 'FAKE-0001', memberVerified: false })
    const refused = await bookSession({
      userId: claimant.id,
      sessionId: session.id,
      attendees: [{ kind: 'self', userId: claimant.id }],
      now,
    })
    expect(refused[0]).toMatchObject({ result: 'refused', reason: 'member-unverified' })

    expect(await verifyMemberByHand(claimant.id, organiser.id)).toEqual({ ok: true })
    const booked = await bookSession({
      userId: claimant.id,
      sessionId: session.id,
      attendees: [{ kind: 'self', userId: claimant.id }],
      now,
    })
    expect(booked[0]).toMatchObject({ result: 'confirmed' })
    expect(await db.auditLog.count({ where: { action: 'member.verified', entityId: claimant.id, actorId: organiser.id } })).toBe(1)

    const copycat = await createUser(db, { memberNo: 'FAKE-0001', memberVerified: false })
    expect(await verifyMemberByHand(copycat.id, organiser.id)).toEqual({ ok: false, error: 'members.numberTaken' })
  })

  test('changing the number on the profile is a new claim: verification starts again', async () => {
    const { now, session } = await membersOnlySession()
    const member = await createUser(db)
    const profile = { name: member.name, phone: '13800000000', gender: 'female' as const, birthDate: shanghaiTime('1996-05-01') }
    expect(await updateProfile(member.id, { ...profile, memberNo: 'OTHER-9999' })).toEqual({ ok: true })
    const [outcome] = await bookSession({ userId: member.id, sessionId: session.id, attendees: [{ kind: 'self', userId: member.id }], now })
    expect(outcome).toMatchObject({ result: 'refused', reason: 'member-unverified' })
  })

  test('sign-up with a number in the register under one’s own name is verified at once', async () => {
    const admin = await createUser(db, { role: 'admin' })
    await importMemberRegister('会员证号,姓名\nYC7777,陈晨\n', admin.id)
    await signupRoute.action({
      request: post('/signup', {
        email: 'chen@example.cn',
        password: 'summer2027',
        confirmPassword: 'summer2027',
        acceptNotice: 'on',
        name: '陈晨',
        phone: '13900003333',
        gender: 'male',
        birthDate: '1990-01-01',
        memberNo: 'ＹＣ７７７７', // typed full-width on a phone
      }),
      params: {},
      context: {},
    } as never)
    const user = await db.user.findUniqueOrThrow({ where: { email: 'chen@example.cn' } })
    expect(user.memberNo).toBe('YC7777')
    expect(user.memberVerifiedBy).toBe('register')
  })

  test('the page: only admins import, organisers verify, members are turned away', async () => {
    const admin = await createUser(db, { role: 'admin' })
    const organiser = await createUser(db, { role: 'organiser' })
    const member = await createUser(db)
    const claimant = await createUser(db, { memberNo: 'HAND-0001', memberVerified: false })
    const upload = async (cookie: string, csv: string) => {
      const body = new FormData()
      body.append('register', new Blob([csv], { type: 'text/csv' }), 'register.csv')
      return new Request('http://localhost/organiser/members', { method: 'POST', body, headers: { Cookie: cookie } })
    }
    const call = (request: Request) => statusOf(() => membersRoute.action({ request, params: {}, context: {} } as never))
    expect(await call(await upload(await loginCookie(member.id), 'memberNo,name\nA-0001,x'))).toBe(403)
    expect(await call(await upload(await loginCookie(organiser.id), 'memberNo,name\nA-0001,x'))).toBe(403)
    expect(await call(await upload(await loginCookie(admin.id), 'memberNo,name\nA-0001,x'))).toBe(200)
    expect(await db.memberRecord.count({ where: { memberNo: 'A-0001' } })).toBe(1)
    expect(await call(await upload(await loginCookie(admin.id), ''))).toBe(400)

    const verify = (cookie: string) => call(post('/organiser/members', { intent: 'verify', userId: claimant.id }, cookie))
    expect(await verify(await loginCookie(member.id))).toBe(403)
    expect(await verify(await loginCookie(organiser.id))).toBe(200)
    expect((await db.user.findUniqueOrThrow({ where: { id: claimant.id } })).memberVerifiedBy).toBe(organiser.id)
  })
})
