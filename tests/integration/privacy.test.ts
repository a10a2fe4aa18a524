import { applyToLottery } from '~/models/lottery/entries.server'
import fs from 'node:fs'
import { unzipSync, strFromU8 } from 'fflate'
import { describe, expect, test } from 'vitest'
import { bookSession } from '~/models/booking/book-session.server'
import { cancelBooking } from '~/models/booking/cancel-booking.server'
import { addChild, getChild, updateChild } from '~/models/child/children.server'
import { rekeySealed, SEALED_COLUMNS } from '~/models/privacy/sealed-at-rest.server'
import { deliverDueMail } from '~/models/mail/outbox-worker.server'
import { getRoster } from '~/models/organiser/roster.server'
import { NOTICE_VERSION } from '~/models/consent/notice'
import { databaseBytes } from './database-bytes'
import { collectMyData, myDataZip } from '~/models/privacy/my-data.server'
import { eraseAccount, eraseChild } from '~/models/privacy/erase.server'
import { applyRetention } from '~/models/privacy/retention.server'
import * as sessionRoute from '~/routes/organiser.sessions.$sessionId'
import * as signupRoute from '~/routes/signup'
import * as bookingsRoute from '~/routes/me.bookings'
import { db } from '~/utils/db.server'
import { decryptField, encryptField } from '~/utils/field-crypto.server'
import { parseEnv } from '~/utils/env.server'
import { shanghaiTime } from '~/utils/time'
import { DAY, testClock } from '../clock'
import { createChild, createDepartment, createProgramme, createQuestion, createSession, createUser, DEMO_PASSWORD } from '../factories'
import { confirmEmailLink, requestEmailChange } from '~/models/user/account.server'
import { addPickupPerson } from '~/models/child/pickups.server'
import { loginCookie, post, statusOf } from './request'
import { useSmtpSink } from './smtp-sink'

// PIPL duties (docs/privacy.md), each shown where it could fail: consent per notice version,
// a copy that holds exactly one member's data, deletion through the normal paths that leaves
// nobody in the database, least access to health notes, retention on a controlled clock, and
// notes that are ciphertext in the file and in a dump.

const smtp = useSmtpSink()
const deliver = () =>
  deliverDueMail({ owner: 'privacy', transporter: smtp.current.transporter(), from: 'Carnation <no-reply@carnation.test>', batch: 100 })

const childInput = { name: '欧阳小芸', birthDate: shanghaiTime('2017-04-01'), gender: 'female' as const }

describe('notice and consent', () => {
  test('sign-up needs the notice accepted, and records it with its version', async () => {
    const fields = {
      email: 'consent@example.cn',
      password: 'summer2027',
      confirmPassword: 'summer2027',
      name: '林可',
      phone: '13900004444',
      gender: 'female',
      birthDate: '1993-01-01',
    }
    expect(await statusOf(() => signupRoute.action({ request: post('/signup', fields), params: {}, context: {} } as never))).toBe(400)
    expect(await db.user.count()).toBe(0)
    await signupRoute.action({ request: post('/signup', { ...fields, acceptNotice: 'on' }), params: {}, context: {} } as never)
    const user = await db.user.findUniqueOrThrow({ where: { email: 'consent@example.cn' }, include: { consents: true } })
    expect(user.noticeVersion).toBe(NOTICE_VERSION)
    expect(user.consents).toMatchObject([{ kind: 'notice', noticeVersion: NOTICE_VERSION, childId: null }])
  })

  test('a child needs the guardian’s separate consent; health notes a second one; each recorded', async () => {
    const parent = await createUser(db)
    expect(await addChild(parent.id, childInput)).toEqual({ ok: false, error: 'privacy.consentNeeded', field: 'consentChild' })
    expect(await addChild(parent.id, { ...childInput, notes: '对花生过敏', consentChild: 'on' })).toEqual({
      ok: false,
      error: 'privacy.consentNeeded',
      field: 'consentHealth',
    })
    expect(await db.child.count()).toBe(0)
    const added = await addChild(parent.id, { ...childInput, consentChild: 'on' })
    expect(added.ok).toBe(true)
    const childId = (added as { child: { id: string } }).child.id
    // notes added later: the health consent is asked then
    expect(await updateChild(parent.id, childId, { ...childInput, notes: '对花生过敏' })).toEqual({
      ok: false,
      error: 'privacy.consentNeeded',
      field: 'consentHealth',
    })
    expect(await updateChild(parent.id, childId, { ...childInput, notes: '对花生过敏', consentHealth: 'on' })).toEqual({ ok: true })
    const consents = await db.consent.findMany({ where: { childId }, orderBy: { grantedAt: 'asc' } })
    expect(consents.map((c) => [c.kind, c.noticeVersion, c.userId])).toEqual([
      ['child-data', NOTICE_VERSION, parent.id],
      ['health-notes', NOTICE_VERSION, parent.id],
    ])
  })

  test('a newer notice than the one accepted: asked again before anything else', async () => {
    const member = await createUser(db)
    await db.user.update({ where: { id: member.id }, data: { noticeVersion: NOTICE_VERSION - 1 } })
    const cookie = await loginCookie(member.id)
    const answer = await bookingsRoute
      .loader({ request: new Request('http://localhost/me/bookings', { headers: { Cookie: cookie } }), params: {}, context: {} } as never)
      .catch((r: Response) => r)
    expect((answer as Response).status).toBe(302)
    expect((answer as Response).headers.get('Location')).toBe('/privacy?redirectTo=%2Fme%2Fbookings')
  })
})

describe('my data', () => {
  test('the copy holds everything of this member and their children, and nothing of anyone else', async () => {
    const { now } = testClock()
    const dept = await createDepartment(db)
    const programme = await createProgramme(db, dept.id, { audience: 'child' }, now)
    const session = await createSession(db, programme.id, {}, now)
    const [a, b] = [
      await createUser(db, { name: '甲妈妈', phone: '13911110001' }),
      await createUser(db, { name: '乙爸爸', phone: '13922220002' }),
    ]
    const childA = await createChild(db, a.id, { name: '甲小宝', notes: '甲的过敏' })
    const childB = await createChild(db, b.id, { name: '乙小宝', notes: '乙的过敏' })
    for (const [user, child] of [
      [a, childA],
      [b, childB],
    ] as const) {
      await bookSession({ userId: user.id, sessionId: session.id, attendees: [{ kind: 'child', childId: child.id }], now })
    }
    // both apply for a lottery too: only the member's own application is in the copy
    const lottery = await createProgramme(
      db,
      dept.id,
      { audience: 'child', allocation: 'lottery', drawAt: new Date(now.getTime() + 61 * DAY) },
      now,
    )
    const drawn = await createSession(db, lottery.id, {}, now)
    for (const [user, child] of [
      [a, childA],
      [b, childB],
    ] as const) {
      await applyToLottery({ userId: user.id, programmeId: lottery.id, childIds: [child.id], choices: [drawn.id], together: true, now })
    }
    const copy = await collectMyData(a.id)
    const text = JSON.stringify(copy)
    for (const mine of [a.email, '甲妈妈', '13911110001', '甲小宝', '甲的过敏', childA.id]) expect(text).toContain(mine)
    for (const theirs of [b.email, b.id, '乙爸爸', '13922220002', '乙小宝', '乙的过敏', childB.id]) expect(text).not.toContain(theirs)
    expect(text).not.toContain('passwordHash')
    expect(copy.bookings).toHaveLength(1)
    expect(copy.consents.length).toBeGreaterThan(0)
    expect(copy.mail.map((m) => m.kind)).toEqual(['booking-confirmed'])

    const files = unzipSync(myDataZip(copy))
    expect(copy.lotteryApplications).toEqual([expect.objectContaining({ attendees: JSON.stringify([`c:${childA.id}`]) })])
    expect(Object.keys(files).sort()).toEqual([
      'account.csv',
      'activity.csv',
      'answers.csv',
      'attendance.csv',
      'bookings.csv',
      'children.csv',
      'consents.csv',
      'door-records.csv',
      'feedback.csv',
      'lottery-applications.csv',
      'mail.csv',
      'mutual-choice.csv',
      'pickup-people.csv',
    ])
    expect(strFromU8(files['children.csv'])).toContain('甲的过敏')
    expect(
      Object.values(files)
        .map((f) => strFromU8(f))
        .join(''),
    ).not.toContain('乙')
  })
})

describe('deletion', () => {
  test('deleting an account with a future booking: the seat goes down the waitlist, the CANCEL is mailed, and nobody is left in the database', async () => {
    const { now } = testClock()
    const dept = await createDepartment(db)
    const programme = await createProgramme(db, dept.id, { audience: 'child', waitlistMode: 'auto' }, now)
    const session = await createSession(db, programme.id, { capacity: 1 }, now)
    const leaving = await createUser(db, {
      name: '诸葛明月',
      email: 'zhuge.mingyue@example.cn',
      phone: '13977778888',
      memberNo: 'ZG-2024-77',
    })
    const child = await createChild(db, leaving.id, { name: '诸葛小满', notes: '对猕猴桃严重过敏' })
    // the people allowed to collect the child are the child's data too (and the copy has them)
    await addPickupPerson(leaving.id, child.id, { intent: 'add-pickup', name: '欧阳接送', relation: '舅舅', phone: '13966665555' })
    expect((await collectMyData(leaving.id)).pickupPeople).toMatchObject([{ name: '欧阳接送', relation: '舅舅', phone: '13966665555' }])
    const waiting = await createUser(db)
    const waitingChild = await createChild(db, waiting.id)
    await bookSession({ userId: leaving.id, sessionId: session.id, attendees: [{ kind: 'child', childId: child.id }], now })
    await bookSession({ userId: waiting.id, sessionId: session.id, attendees: [{ kind: 'child', childId: waitingChild.id }], now })
    await deliver()
    smtp.current.received.length = 0

    expect(await eraseAccount({ userId: leaving.id, actorId: leaving.id, now })).toEqual({ cancelled: 1 })
    // the seat went to the family waiting
    expect(await db.booking.findFirstOrThrow({ where: { childId: waitingChild.id } })).toMatchObject({ status: 'confirmed' })
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).seatsTaken).toBe(1)
    await deliver()
    const cancel = smtp.current.received.find((m) => /METHOD:CANCEL/.test(m.raw.toString()))
    expect(cancel, 'the CANCEL invite reaches the address it was for').toBeDefined()
    expect(JSON.stringify(cancel!.parsed.to)).toContain('zhuge.mingyue@example.cn')
    expect(smtp.current.received.some((m) => m.parsed.subject?.includes('候补转正'))).toBe(true)

    const bytes = await databaseBytes()
    for (const trace of [
      'zhuge.mingyue@example.cn',
      '诸葛明月',
      '13977778888',
      'ZG-2024-77',
      '诸葛小满',
      '猕猴桃',
      '欧阳接送',
      '13966665555',
    ]) {
      expect(bytes.includes(trace), `${trace} is still in the database`).toBe(false)
    }
    // counts stay: the session still has both bookings, one of them cancelled
    expect(await db.booking.count({ where: { sessionId: session.id } })).toBe(2)
  })

  test('erasure leaves nobody in the outbox: an old address, payloads, a CANCEL that then fails; a later holder of the address sees none of it', async () => {
    const { now } = testClock()
    const dept = await createDepartment(db)
    const programme = await createProgramme(db, dept.id, { audience: 'child' }, now)
    const session = await createSession(db, programme.id, {}, now)
    const leaving = await createUser(db, { name: '慕容秋水', email: 'murong.first@example.cn' })
    const child = await createChild(db, leaving.id, { name: '慕容小溪' })
    await bookSession({ userId: leaving.id, sessionId: session.id, attendees: [{ kind: 'child', childId: child.id }], now })
    await deliver() // the confirmation goes to the first address
    // the address changes: the request names the new one in two payloads, mailed to both
    expect(await requestEmailChange({ userId: leaving.id, password: DEMO_PASSWORD, newEmail: 'murong.second@example.cn' })).toEqual({
      ok: true,
    })
    await deliver()
    const link = /\/account\/verify\/([a-z0-9]+\.[A-Za-z0-9_-]+)/.exec(smtp.current.received.at(-1)?.parsed.text ?? '')
    const second = smtp.current.received.find((m) => JSON.stringify(m.parsed.to).includes('murong.second'))
    const token = /\/account\/verify\/([a-z0-9]+\.[A-Za-z0-9_-]+)/.exec(second?.parsed.text ?? '')?.[1] ?? link?.[1]
    expect((await confirmEmailLink(token!)).ok).toBe(true)
    await deliver()

    // the mail server refuses everything from now on: the CANCEL the erasure queues fails for good
    smtp.current.reject(550, 'mailbox unavailable murong.second@example.cn')
    expect(await eraseAccount({ userId: leaving.id, actorId: leaving.id, now })).toEqual({ cancelled: 1 })
    await deliver()
    expect(await db.outboxMessage.count({ where: { status: 'failed' } })).toBeGreaterThan(0)

    const bytes = await databaseBytes()
    for (const trace of ['murong.first@example.cn', 'murong.second@example.cn', '慕容秋水', '慕容小溪']) {
      expect(bytes.includes(trace), `${trace} is still in the database`).toBe(false)
    }
    // someone later registers the first address: their copy of their data has no earlier mail
    const next = await createUser(db, { email: 'murong.first@example.cn' })
    expect((await collectMyData(next.id)).mail).toEqual([])
  })

  test('deleting a child cancels their future booking and anonymises them; another guardian cannot', async () => {
    const { now } = testClock()
    const dept = await createDepartment(db)
    const programme = await createProgramme(db, dept.id, { audience: 'child' }, now)
    const session = await createSession(db, programme.id, {}, now)
    const parent = await createUser(db)
    const child = await createChild(db, parent.id, { name: '司马小雨', notes: '哮喘' })
    await bookSession({ userId: parent.id, sessionId: session.id, attendees: [{ kind: 'child', childId: child.id }], now })
    const stranger = await createUser(db)
    expect(await eraseChild({ guardianId: stranger.id, childId: child.id })).toBeNull()
    expect(await eraseChild({ guardianId: parent.id, childId: child.id, now })).toEqual({ cancelled: 1 })
    expect(await getChild(parent.id, child.id)).toBeNull()
    const row = await db.child.findUniqueOrThrow({ where: { id: child.id } })
    expect([row.name, row.notes]).toEqual(['—', null])
    expect(await db.booking.findFirstOrThrow({ where: { childId: child.id } })).toMatchObject({ status: 'cancelled' })
    // an erased child cannot be booked again through a crafted form
    const [again] = await bookSession({ userId: parent.id, sessionId: session.id, attendees: [{ kind: 'child', childId: child.id }], now })
    expect(again).toMatchObject({ result: 'refused', reason: 'not-your-child' })
  })
})

describe('least access to health notes', () => {
  test('only an active seat shows them, only until the retention period after the session; each view is recorded', async () => {
    const { now } = testClock()
    const dept = await createDepartment(db)
    const programme = await createProgramme(db, dept.id, { audience: 'child' }, now)
    const booked = await createSession(db, programme.id, {}, now)
    const other = await createSession(
      db,
      programme.id,
      { startsAt: new Date(booked.startsAt.getTime() + 7 * DAY), endsAt: new Date(booked.endsAt.getTime() + 7 * DAY) },
      now,
    )
    const parent = await createUser(db)
    const child = await createChild(db, parent.id, { notes: '对青霉素过敏' })
    const [b] = await bookSession({ userId: parent.id, sessionId: booked.id, attendees: [{ kind: 'child', childId: child.id }], now })
    await bookSession({ userId: parent.id, sessionId: other.id, attendees: [{ kind: 'child', childId: child.id }], now })
    await cancelBooking({ bookingId: (await db.booking.findFirstOrThrow({ where: { sessionId: other.id } })).id, userId: parent.id, now })

    const notesOf = async (sessionId: string, at: Date) => (await getRoster(sessionId, {}, at)).rows.map((r) => r.notes)
    expect(await notesOf(booked.id, now)).toEqual(['对青霉素过敏'])
    expect(await notesOf(other.id, now)).toEqual([null]) // cancelled there: not theirs to see
    const afterSession = (days: number) => new Date(booked.endsAt.getTime() + days * DAY)
    expect(await notesOf(booked.id, afterSession(29))).toEqual(['对青霉素过敏'])
    expect(await notesOf(booked.id, afterSession(31))).toEqual([null])
    expect((await getRoster(booked.id, {}, afterSession(31))).rows[0].phone).toBe('')

    // an organiser of another department does not reach the roster at all
    const elsewhere = await createUser(db, { role: 'organiser', departmentId: (await createDepartment(db)).id })
    const request = async (userId: string) =>
      new Request(`http://localhost/organiser/sessions/${booked.id}`, { headers: { Cookie: await loginCookie(userId) } })
    expect(
      await statusOf(async () =>
        sessionRoute.loader({ request: await request(elsewhere.id), params: { sessionId: booked.id }, context: {} } as never),
      ),
    ).toBe(404)
    const organiser = await createUser(db, { role: 'organiser', departmentId: dept.id })
    await sessionRoute.loader({ request: await request(organiser.id), params: { sessionId: booked.id }, context: {} } as never)
    expect(await db.auditLog.count({ where: { action: 'roster.notes-viewed', actorId: organiser.id, entityId: booked.id } })).toBe(1)
    expect(b).toMatchObject({ result: 'confirmed' })
  })
})

describe('retention', () => {
  test('notes are purged once the last booked session is over by the retention period; old ended bookings are anonymised', async () => {
    const { now } = testClock()
    const dept = await createDepartment(db)
    const programme = await createProgramme(db, dept.id, { audience: 'child' }, now)
    const session = await createSession(db, programme.id, {}, now)
    const parent = await createUser(db, { name: '慕容雪' })
    const child = await createChild(db, parent.id, { name: '慕容小冰', notes: '对海鲜过敏' })
    await bookSession({ userId: parent.id, sessionId: session.id, attendees: [{ kind: 'child', childId: child.id }], now })
    const env = parseEnv({ ...process.env, RETAIN_NOTES_DAYS: '30', RETAIN_BOOKINGS_DAYS: '730' })
    const at = (days: number) => new Date(session.endsAt.getTime() + days * DAY)

    expect(await applyRetention(at(29), env)).toMatchObject({ notesPurged: 0 })
    // still "confirmed" after the session (it happened): active, so the notes stay for now
    await db.booking.updateMany({ where: { childId: child.id }, data: { status: 'cancelled', activeKey: null } })
    expect(await applyRetention(at(29), env)).toMatchObject({ notesPurged: 0 })
    expect(await applyRetention(at(31), env)).toMatchObject({ notesPurged: 1 })
    expect((await db.child.findUniqueOrThrow({ where: { id: child.id } })).notes).toBeNull()

    expect(await applyRetention(at(700), env)).toMatchObject({ bookingsAnonymised: 0 })
    expect(await applyRetention(at(731), env)).toMatchObject({ bookingsAnonymised: 1 })
    const booking = await db.booking.findFirstOrThrow({ where: { sessionId: session.id }, include: { booker: true } })
    expect([booking.childId, booking.booker.name, booking.status]).toEqual([null, '—', 'cancelled'])
    expect(await applyRetention(at(732), env)).toMatchObject({ bookingsAnonymised: 0 })
  })
})

describe('notes at rest', () => {
  test('health notes are ciphertext in the database file and in a dump; the app reads them', async () => {
    const parent = await createUser(db)
    const added = await addChild(parent.id, { ...childInput, notes: '对芒果过敏，带肾上腺素笔', consentChild: 'on', consentHealth: 'on' })
    const childId = (added as { child: { id: string } }).child.id
    expect((await getChild(parent.id, childId))?.notes).toBe('对芒果过敏，带肾上腺素笔')
    const stored = (await db.child.findUniqueOrThrow({ where: { id: childId } })).notes!
    expect(stored).toMatch(/^enc1:[0-9a-f]{8}:/)
    const bytes = await databaseBytes()
    expect(bytes).not.toContain('对芒果过敏')
    expect(bytes).not.toContain('肾上腺素')
    expect(bytes).toContain(stored)
  })

  test('key rotation: a new first key writes, the old one still reads, and the rekey rewrites every note', async () => {
    const oldKey = Buffer.alloc(32, 1)
    const newKey = Buffer.alloc(32, 2)
    const written = encryptField('对花粉过敏', [oldKey])!
    expect(decryptField(written, [newKey, oldKey])).toBe('对花粉过敏')
    expect(() => decryptField(written, [newKey])).toThrow(/no configured DATA_KEY/)
    expect(decryptField(encryptField('x', [newKey, oldKey]), [newKey])).toBe('x')
    // notes written before encryption existed are encrypted at the next start
    const parent = await createUser(db)
    const child = await createChild(db, parent.id)
    await db.child.update({ where: { id: child.id }, data: { notes: '旧的明文备注' } })
    expect((await rekeySealed())['Child.notes']).toBe(1)
    const after = (await db.child.findUniqueOrThrow({ where: { id: child.id } })).notes!
    expect(after).toMatch(/^enc1:/)
    expect(decryptField(after)).toBe('旧的明文备注')
    expect((await rekeySealed())['Child.notes']).toBe(0)
  })

  test('rotation re-keys every sealed column: a frozen lottery’s seed still opens once the old key is gone', async () => {
    const { now } = testClock()
    const dept = await createDepartment(db)
    const programme = await createProgramme(db, dept.id, { allocation: 'lottery', drawAt: new Date(now.getTime() + 7 * DAY) }, now)
    const child = await createChild(db, (await createUser(db)).id, { notes: '对芒果过敏' })
    await db.lottery.create({
      data: {
        programmeId: programme.id,
        frozenEntries: '[]',
        entriesHash: 'h',
        seedHash: 'h',
        seedSealed: encryptField('the-seed')!,
        frozenAt: now,
      },
    })
    // and a social's mutual-choice entry
    const guest = await createUser(db)
    const session = await createSession(db, programme.id, {}, now)
    const booking = await db.booking.create({
      data: { sessionId: session.id, bookerId: guest.id, attendeeUserId: guest.id, status: 'confirmed' },
    })
    const entry = JSON.stringify({ name: '晓', share: 'none', contact: null, choices: [2] })
    await db.choiceEntry.create({ data: { bookingId: booking.id, sealed: encryptField(entry)! } })
    await db.lotteryEntry.create({
      data: {
        programmeId: programme.id,
        applicantId: guest.id,
        attendees: '[]',
        choices: '[]',
        code: '0001',
        answersSealed: encryptField('[]'),
      },
    })
    // and a sensitive question's answer (a plain one is left alone)
    const sensitive = await createQuestion(db, programme.id, { labelZh: '身份证号码', sensitive: true })
    const plain = await createQuestion(db, programme.id, { labelZh: '工作单位' })
    await db.answer.createMany({
      data: [
        { bookingId: booking.id, questionId: sensitive.id, value: encryptField('320902199001011234')! },
        { bookingId: booking.id, questionId: plain.id, value: '盐城港务' },
      ],
    })
    const [oldKey] = (await import('~/utils/env.server')).dataKeys()
    const newKey = Buffer.alloc(32, 3)
    expect(await rekeySealed([newKey, oldKey])).toEqual({
      'Child.notes': 1,
      'Lottery.seedSealed': 1,
      'ChoiceEntry.sealed': 1,
      'LotteryEntry.answersSealed': 1,
      'Answer.value': 1,
    })
    const answers = await db.answer.findMany({ where: { bookingId: booking.id }, include: { question: true } })
    expect(answers.map((a) => [a.question.labelZh, a.question.sensitive ? decryptField(a.value, [newKey]) : a.value]).sort()).toEqual([
      ['工作单位', '盐城港务'],
      ['身份证号码', '320902199001011234'],
    ])
    const sealed = await db.choiceEntry.findUniqueOrThrow({ where: { bookingId: booking.id } })
    expect(decryptField(sealed.sealed, [newKey])).toBe(entry)
    const lottery = await db.lottery.findUniqueOrThrow({ where: { programmeId: programme.id } })
    expect(decryptField(lottery.seedSealed, [newKey])).toBe('the-seed') // the old key may go now
    expect(decryptField((await db.child.findUniqueOrThrow({ where: { id: child.id } })).notes, [newKey])).toBe('对芒果过敏')
  })

  test('every column that holds a sealed value is in SEALED_COLUMNS (a new one the rotation would forget fails here)', async () => {
    const { now } = testClock()
    // one of everything the app seals: the demo data has notes and a frozen (drawn) lottery
    const { seedDemoData } = await import('../../prisma/seed')
    await seedDemoData(db, now)
    // and an application waiting for its draw, with answers to the programme's questions
    const camp = await createProgramme(
      db,
      (await createDepartment(db)).id,
      { allocation: 'lottery', audience: 'self', drawAt: new Date(now.getTime() + 7 * DAY) },
      now,
    )
    const campSession = await createSession(db, camp.id, {}, now)
    const asked = await createQuestion(db, camp.id, { labelZh: '工作单位', required: true })
    const applicant = await createUser(db)
    expect(
      await applyToLottery({
        userId: applicant.id,
        programmeId: camp.id,
        childIds: [],
        choices: [campSession.id],
        together: true,
        answers: [{ questionId: asked.id, attendee: 'self', value: '盐城港务' }],
        now,
      }),
    ).toMatchObject({ ok: true })
    const schema = fs.readFileSync('prisma/schema.prisma', 'utf8')
    const textColumns = [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)].flatMap(([, model, body]) =>
      [...body.matchAll(/^\s+(\w+)\s+String\??(\s|$)/gm)].map(([, field]) => ({ model, field })),
    )
    expect(textColumns.length).toBeGreaterThan(40)
    const sealed: string[] = []
    for (const { model, field } of textColumns) {
      const rows = await db.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT COUNT(*) AS n FROM "${model}" WHERE "${field}" LIKE 'enc1:%'`)
      if (Number(rows[0].n) > 0) sealed.push(`${model}.${field}`)
    }
    expect(sealed.sort()).toEqual(SEALED_COLUMNS.map((c) => c.name).sort())
  })

  test('production with PostgreSQL refuses to start without DATA_KEY', async () => {
    const { dataKeys } = await import('~/utils/env.server')
    const source = { NODE_ENV: 'production', DATABASE_URL: 'postgresql://x@localhost/y', SESSION_SECRET: 'a-long-enough-secret-value' }
    expect(() => dataKeys(parseEnv(source))).toThrow(/DATA_KEY is not set/)
    expect(() => dataKeys(parseEnv({ ...source, DATA_KEY: Buffer.alloc(40).toString('base64') }))).toThrow(/32 bytes/)
    expect(dataKeys(parseEnv({ ...source, DATA_KEY: Buffer.alloc(32, 9).toString('base64') }))).toHaveLength(1)
  })
})

test('an admin deletes an account on the member’s written request: audited with the request, staff accounts refused', async () => {
  const { action } = await import('~/routes/organiser.members')
  const organiser = await createUser(db, { role: 'admin' })
  const member = await createUser(db, { email: 'by.letter@example.cn', name: '上官云' })
  const cookie = await loginCookie(organiser.id)
  const call = (fields: Record<string, string>) =>
    statusOf(() => action({ request: post('/organiser/members', fields, cookie), params: {}, context: {} } as never))
  expect(await call({ intent: 'erase', email: 'by.letter@example.cn', request: '' })).toBe(400)
  expect(await call({ intent: 'erase', email: organiser.email, request: '2026-11-28 书面申请' })).toBe(409)
  expect(await call({ intent: 'erase', email: 'By.Letter@example.cn', request: '2026-11-28 书面申请 第 7 号' })).toBe(200)
  const erased = await db.user.findUniqueOrThrow({ where: { id: member.id } })
  expect([erased.name, erased.erasedAt !== null]).toEqual(['—', true])
  const entry = await db.auditLog.findFirstOrThrow({ where: { action: 'privacy.account-erased', entityId: member.id } })
  expect(entry.actorId).toBe(organiser.id)
  expect(JSON.parse(entry.data)).toMatchObject({ by: 'staff', request: '2026-11-28 书面申请 第 7 号' })
})
