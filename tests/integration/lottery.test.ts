import { describe, expect, test } from 'vitest'
import { bookSession } from '~/models/booking/book-session.server'
import { cancelBooking } from '~/models/booking/cancel-booking.server'
import { tryTakeSeat } from '~/models/booking/seats.server'
import { promoteFromWaitlist } from '~/models/booking/waitlist.server'
import { composeMail } from '~/models/mail/compose.server'
import { applyToLottery, withdrawFromLottery } from '~/models/lottery/entries.server'
import { downloadableRecord, publicResults } from '~/models/lottery/results.server'
import { commitmentSchema, draw, drawSeed, sessionsAtDraw, type UnitResult } from '~/models/lottery/draw'
import { decryptField } from '~/utils/field-crypto.server'
import { maskName } from '~/utils/mask'
import { enterPublicValueAndDraw, FALLBACK_AFTER_MS, recordPublicValue, runDraw, runDueLotteries } from '~/models/lottery/run.server'
import { verifyLottery } from '~/models/lottery/verify.server'
import * as programmeRoute from '~/routes/programmes.$slug'
import * as resultsRoute from '~/routes/programmes.$slug_.results'
import { db, write } from '~/utils/db.server'
import { shanghaiDay } from '~/utils/time'
import { createChild, createDepartment, createProgramme, createSession, createUser } from '../factories'
import { applyFor, childAged, drawLottery, family, lotteryCamp } from './lottery-fixtures'
import { DAY, testClock } from '../clock'
import { startProcess } from './contended/instances'
import { expectInvariants } from './invariants'
import { loginCookie, post } from './request'

type Fn = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<unknown>

describe('applying for a lottery', () => {
  test('apply, change (same code), withdraw; eligibility with the booking reasons; no booking before the draw', async () => {
    const camp = await lotteryCamp()
    const { parent, childIds } = await family(camp.now, 2)
    const young = await createChild(db, parent.id, { name: '小小', birthDate: childAged(camp.now, 3), gender: 'female' })
    const base = { userId: parent.id, programmeId: camp.programme.id, together: true, now: camp.now }

    expect(await applyToLottery({ ...base, childIds: [...childIds, young.id], choices: [camp.sessions[0].id] })).toEqual({
      ok: false,
      error: 'lottery.refused',
      refusals: [{ name: '小小', reason: 'too-young' }],
    })
    const first = await applyToLottery({ ...base, childIds, choices: [camp.sessions[0].id, camp.sessions[1].id] })
    expect(first).toMatchObject({ ok: true, edited: false, code: expect.stringMatching(/^\d{4}$/) })
    const again = await applyToLottery({ ...base, childIds: [childIds[0]], choices: [camp.sessions[1].id] })
    expect(again).toEqual({ ok: true, edited: true, code: first.ok ? first.code : '' })
    expect(await db.lotteryEntry.count()).toBe(1)
    expect(await applyToLottery({ ...base, childIds, choices: [camp.sessions[0].id, camp.sessions[0].id] })).toEqual({
      ok: false,
      error: 'lottery.errors.duplicate-choice',
    })

    // first come is closed on a lottery programme: the same reason list says why
    const booked = await bookSession({
      userId: parent.id,
      sessionId: camp.sessions[0].id,
      attendees: [{ kind: 'child', childId: childIds[0] }],
    })
    expect(booked[0]).toMatchObject({ result: 'refused', reason: 'lottery' })

    const unverified = await createUser(db, { memberVerified: false })
    const child = await createChild(db, unverified.id, { birthDate: childAged(camp.now, 8) })
    expect(await applyToLottery({ ...base, userId: unverified.id, childIds: [child.id], choices: [camp.sessions[0].id] })).toMatchObject({
      ok: false,
      refusals: [{ reason: 'member-unverified' }],
    })

    expect(await withdrawFromLottery({ userId: parent.id, programmeId: camp.programme.id, now: camp.now })).toEqual({ ok: true })
    expect(await db.lotteryEntry.count()).toBe(0)
    const audit = await db.auditLog.findMany({ where: { entity: 'LotteryEntry' }, orderBy: { createdAt: 'asc' } })
    expect(audit.map((a) => a.action)).toEqual(['lottery.applied', 'lottery.entry-changed', 'lottery.withdrawn'])
  })

  test('the form as a browser without JavaScript posts it: 303 back with the code; bad choices are a 400 and write nothing', async () => {
    const camp = await lotteryCamp()
    const { parent, childIds } = await family(camp.now, 2)
    const cookie = await loginCookie(parent.id)
    const slug = camp.programme.slug
    const send = (fields: Record<string, string | string[]>) =>
      (programmeRoute.action as Fn)({ request: post(`/programmes/${slug}?lng=en`, fields, cookie), params: { slug }, context: {} })
    const ok = (await send({
      intent: 'apply',
      childId: childIds,
      together: 'on',
      choice1: camp.sessions[1].id,
      choice2: camp.sessions[0].id,
    })) as Response
    expect(ok.status).toBe(303)
    const entry = await db.lotteryEntry.findFirstOrThrow()
    expect(JSON.parse(entry.choices)).toEqual([camp.sessions[1].id, camp.sessions[0].id])
    expect(entry.together).toBe(true)
    for (const bad of <Record<string, string>[]>[
      { intent: 'apply', choice1: 'not-an-id' },
      { intent: 'apply' },
      { intent: 'apply', choice1: camp.sessions[0].id, childId: 'x'.repeat(5000) },
    ]) {
      const answer = (await send(bad)) as { init: { status: number } }
      expect(answer.init.status).toBe(400)
    }
    expect((await db.lotteryEntry.findFirstOrThrow()).updatedAt).toEqual(entry.updatedAt)
    const withdrawn = (await send({ intent: 'withdraw' })) as Response
    expect(withdrawn.status).toBe(303)
    expect(await db.lotteryEntry.count()).toBe(0)
  })

  test('after the window closes nobody can apply, change or withdraw', async () => {
    const camp = await lotteryCamp()
    const { parent, childIds } = await family(camp.now, 1)
    const base = { userId: parent.id, programmeId: camp.programme.id, together: true }
    await applyToLottery({ ...base, childIds, choices: [camp.sessions[0].id], now: camp.now })
    const late = camp.plus(DAY)
    expect(await applyToLottery({ ...base, childIds, choices: [camp.sessions[1].id], now: late })).toMatchObject({
      ok: false,
      refusals: [{ reason: 'closed' }],
    })
    expect(await withdrawFromLottery({ userId: parent.id, programmeId: camp.programme.id, now: late })).toEqual({
      ok: false,
      error: 'lottery.withdrawFailed',
    })
  })
})

describe('the draw', () => {
  test('the job freezes at the close and draws at its time, once, with three instances ticking at once', async () => {
    const camp = await lotteryCamp({ capacity: [2, 1] })
    const families = [
      await family(camp.now, 2, '张丽'),
      await family(camp.now, 1, '刘洋'),
      await family(camp.now, 1, '陈晨'),
      await family(camp.now, 2, '杨帆'),
    ]
    for (const f of families) {
      await applyFor(
        camp,
        f,
        camp.sessions.map((s) => s.id),
      )
    }
    // before the close (and its grace) nothing happens
    await runDueLotteries(camp.plus(DAY))
    expect(await db.lottery.count()).toBe(0)
    await Promise.all([runDueLotteries(camp.afterClose), runDueLotteries(camp.afterClose), runDueLotteries(camp.afterClose)])
    const frozen = await db.lottery.findFirstOrThrow()
    expect(frozen.drawnAt).toBeNull()
    expect(frozen.seed).toBeNull()
    expect(frozen.seedSealed).toMatch(/^enc1:/)
    expect(frozen.entriesHash).toMatch(/^[0-9a-f]{64}$/)
    expect(await db.booking.count()).toBe(0)

    // the draw time has come, but the public value is not in yet: nothing is drawn
    await runDueLotteries(camp.atDraw)
    expect(await runDraw(camp.programme.id, { actorId: null, now: camp.atDraw })).toEqual({
      ok: false,
      error: 'lotteryAdmin.errors.noPublicValue',
    })
    expect((await db.lottery.findFirstOrThrow()).drawnAt).toBeNull()
    expect(await recordPublicValue(camp.programme.id, { value: '04 09 15 22 27 31 12', from: 'primary' }, null, camp.atDraw)).toEqual({
      ok: true,
    })
    await Promise.all([
      runDueLotteries(camp.atDraw),
      runDueLotteries(camp.atDraw),
      runDraw(camp.programme.id, { actorId: null, now: camp.atDraw }),
    ])
    const drawn = await db.lottery.findFirstOrThrow()
    expect(drawn.seed).toMatch(/^[0-9a-f]{64}$/)
    expect(await db.auditLog.count({ where: { action: 'lottery.frozen' } })).toBe(1)
    expect(await db.auditLog.count({ where: { action: 'lottery.drawn' } })).toBe(1)
    // one active booking per child, none twice; seats exactly the capacity
    const bookings = await db.booking.findMany({ where: { activeKey: { not: null } } })
    expect(bookings).toHaveLength(6)
    for (const s of camp.sessions) await expectInvariants(s.id)
    // as many children seated as the units the draw placed hold
    const { units } = JSON.parse(drawn.frozenEntries) as { units: { id: string; attendees: unknown[] }[] }
    const placed = (JSON.parse(drawn.result!) as { id: string; outcome: string }[]).filter((r) => r.outcome === 'placed')
    const placedPeople = placed.reduce((n, r) => n + units.find((u) => u.id === r.id)!.attendees.length, 0)
    expect(bookings.filter((b) => b.status === 'confirmed')).toHaveLength(placedPeople)
    expect(placedPeople).toBeGreaterThanOrEqual(2)
    // siblings together: both confirmed in the same session, or both waitlisted
    for (const f of families.filter((f) => f.childIds.length === 2)) {
      const mine = bookings.filter((b) => f.childIds.includes(b.childId!))
      expect(new Set(mine.map((b) => `${b.status} ${b.sessionId}`)).size).toBe(1)
      expect(mine[0].householdId).not.toBeNull()
    }
    // a mail per booking, in draw order's words: a place with its invite, or a number
    const mails = await db.outboxMessage.findMany()
    expect(mails.filter((m) => m.kind === 'lottery-placed')).toHaveLength(placedPeople)
    expect(mails.filter((m) => m.kind === 'lottery-waitlisted')).toHaveLength(6 - placedPeople)
    const placedMail = mails.find((m) => m.kind === 'lottery-placed')!
    const composed = await composeMail({ ...placedMail, locale: 'en' }, 'women@union.example.cn')
    expect(composed.icalEvent?.method).toBe('REQUEST')
    expect(composed.text).toContain('The lottery has been drawn')
    expect(composed.text).toContain(`/programmes/${camp.programme.slug}/results`)
    const waitMail = mails.find((m) => m.kind === 'lottery-waitlisted')!
    const composedWait = await composeMail(waitMail, 'women@union.example.cn')
    expect(composedWait.subject).toContain('摇号结果')
    expect(composedWait.text).toMatch(/候补第 \d 位/)

    expect(await verifyLottery(camp.programme.slug)).toMatchObject({ ok: true, units: 4, commitmentHash: drawn.entriesHash })
    expect(await runDraw(camp.programme.id, { actorId: null, now: camp.atDraw })).toEqual({ ok: false, error: 'lotteryAdmin.alreadyDrawn' })
    expect(await recordPublicValue(camp.programme.id, { value: '1', from: 'primary' }, null, camp.atDraw)).toEqual({
      ok: false,
      error: 'lotteryAdmin.errors.valueTaken',
    })
  })

  test('three app processes (own connections) run the lottery job at the same moment: frozen once, drawn once', async () => {
    const camp = await lotteryCamp({ capacity: [3, 3] })
    for (let i = 0; i < 8; i++) {
      const f = await family(camp.now, 1 + (i % 2), `家${i}`)
      await applyFor(
        camp,
        f,
        camp.sessions.map((s) => s.id),
      )
    }
    const race = async (at: Date) => {
      const instances = Array.from({ length: 3 }, () =>
        startProcess('tests/integration/contended/lottery-runner.ts', { LOTTERY_AT: at.toISOString() }),
      )
      try {
        await Promise.all(instances.map((i) => i.next().then((line) => expect(line).toBe('ready'))))
        const done = instances.map((i) => i.next())
        for (const i of instances) i.child.stdin.write('go\n')
        expect(await Promise.all(done)).toEqual(['done', 'done', 'done'])
      } finally {
        for (const i of instances) i.child.kill()
      }
    }
    await race(camp.afterClose)
    expect(await db.auditLog.count({ where: { action: 'lottery.frozen' } })).toBe(1)
    await recordPublicValue(camp.programme.id, { value: '11 22 33', from: 'primary' }, null, camp.atDraw)
    await race(camp.atDraw)
    expect(await db.auditLog.count({ where: { action: 'lottery.drawn' } })).toBe(1)
    expect(await db.booking.count()).toBe(12) // 8 families, 12 children: each booked once
    expect(await db.outboxMessage.count()).toBe(12)
    for (const s of camp.sessions) await expectInvariants(s.id)
    expect(await verifyLottery(camp.programme.slug)).toMatchObject({ ok: true, units: 8 })
  })

  test('the public value: not before the draw time, once, the fallback only a day later and with a reason; then drawn at once', async () => {
    const camp = await lotteryCamp({ capacity: [1, 1] })
    for (const name of ['甲乙丙', '丁戊己', '庚辛壬']) await applyFor(camp, await family(camp.now, 1, name))
    const organiser = (await createUser(db, { role: 'organiser' })).id
    const enter = (at: Date, input: { value: string; from: 'primary' | 'fallback'; note?: string }) =>
      enterPublicValueAndDraw(camp.programme.id, input, organiser, at)
    expect(await enter(camp.atDraw, { value: '1 2 3', from: 'primary' })).toEqual({ ok: false, error: 'lotteryAdmin.errors.notFrozen' })
    await runDueLotteries(camp.afterClose)
    expect(await enter(new Date(camp.atDraw.getTime() - 60_000), { value: '1 2 3', from: 'primary' })).toEqual({
      ok: false,
      error: 'lotteryAdmin.errors.tooEarly',
    })
    const inADay = new Date(camp.atDraw.getTime() + FALLBACK_AFTER_MS)
    expect(await enter(new Date(inADay.getTime() - 60_000), { value: '1 2 3', from: 'fallback', note: '停开' })).toEqual({
      ok: false,
      error: 'lotteryAdmin.errors.fallbackTooEarly',
    })
    expect(await enter(inADay, { value: '1 2 3', from: 'fallback' })).toEqual({ ok: false, error: 'lotteryAdmin.errors.fallbackNote' })
    expect(await enter(inADay, { value: ' ０１，02  03 ', from: 'fallback', note: '当日停开' })).toMatchObject({
      ok: true,
      placed: 1,
      waitlisted: 2,
    })
    const lottery = await db.lottery.findFirstOrThrow()
    expect(lottery).toMatchObject({
      publicValue: '01 02 03',
      publicValueFrom: 'fallback',
      publicValueNote: '当日停开',
      publicValueById: organiser,
    })
    expect(await db.auditLog.count({ where: { action: 'lottery.public-value' } })).toBe(1)
    expect(await enter(inADay, { value: '9 9 9', from: 'primary' })).toEqual({ ok: false, error: 'lotteryAdmin.errors.valueTaken' })
  })

  test('the operator cannot know the draw before the public value: the same frozen lottery draws differently for two values', async () => {
    const camp = await lotteryCamp({ capacity: [2, 2] })
    for (let i = 0; i < 12; i++)
      await applyFor(
        camp,
        await family(camp.now, 1, `家长${i}`),
        camp.sessions.map((s) => s.id),
      )
    await runDueLotteries(camp.afterClose)
    // everything the operator holds at the freeze: the database and the key (the server seed)
    const frozen = await db.lottery.findFirstOrThrow()
    const serverSeed = decryptField(frozen.seedSealed)!
    const commitment = commitmentSchema.parse(JSON.parse(frozen.commitment!))
    const orderFor = (value: string) =>
      draw(drawSeed(serverSeed, value), commitment.units, sessionsAtDraw(commitment, [])).map((r) => `${r.id}:${r.outcome}`)
    expect(orderFor('03 07 12 19 25 31 09')).not.toEqual(orderFor('03 07 12 19 25 31 10'))
    // and the real draw is the one of the value entered
    await drawLottery(camp, '03 07 12 19 25 31 10')
    const result = JSON.parse((await db.lottery.findFirstOrThrow()).result!) as UnitResult[]
    expect(result.map((r) => `${r.id}:${r.outcome}`)).toEqual(orderFor('03 07 12 19 25 31 10'))
  })

  test('places added or cancelled after the freeze do not change the draw; added ones go down the drawn waitlist after it', async () => {
    const camp = await lotteryCamp({ capacity: [2, 2] })
    for (let i = 0; i < 6; i++) await applyFor(camp, await family(camp.now, 1, `家长${i}`))
    await runDueLotteries(camp.afterClose)
    const organiser = (await createUser(db, { role: 'organiser' })).id
    const { changeCapacity } = await import('~/models/booking/capacity.server')
    // committed seats cannot be taken away before the draw; more may be added
    expect(await changeCapacity(camp.sessions[0].id, 1, organiser, camp.afterClose)).toEqual({
      ok: false,
      error: 'errors.lotteryFrozenCapacity',
    })
    expect(await changeCapacity(camp.sessions[0].id, 4, organiser, camp.afterClose)).toMatchObject({ ok: true })
    const frozen = await db.lottery.findFirstOrThrow()
    const commitment = commitmentSchema.parse(JSON.parse(frozen.commitment!))
    expect(commitment.sessions.map((s) => s.seats)).toEqual([2, 2])
    await drawLottery(camp)
    // the draw placed two (the committed seats) and waitlisted four, as the record says; then the
    // two added places went to the first two of the waitlist, in draw order
    const lottery = await db.lottery.findFirstOrThrow()
    const result = JSON.parse(lottery.result!) as UnitResult[]
    expect(result.filter((r) => r.outcome === 'placed')).toHaveLength(2)
    expect(await verifyLottery(camp.programme.slug)).toMatchObject({ ok: true, placed: 2, waitlisted: 4 })
    const confirmed = await db.booking.count({ where: { sessionId: camp.sessions[0].id, status: 'confirmed' } })
    expect(confirmed).toBe(4)
    const promoted = await db.auditLog.findMany({ where: { action: 'booking.promoted' }, select: { entityId: true } })
    const { units } = JSON.parse(lottery.frozenEntries) as { units: { id: string; entryId: string }[] }
    const waitlistedFirst = result.filter((r) => r.outcome === 'waitlisted').slice(0, 2)
    const promotedEntries = await db.booking.findMany({
      where: { id: { in: promoted.map((p) => p.entityId) } },
      select: { bookerId: true },
    })
    const entries = await db.lotteryEntry.findMany({ select: { id: true, applicantId: true } })
    const applicantOf = (unitId: string) => entries.find((e) => e.id === units.find((u) => u.id === unitId)!.entryId)!.applicantId
    expect(promotedEntries.map((b) => b.bookerId).sort()).toEqual(waitlistedFirst.map((r) => applicantOf(r.id)).sort())
    await expectInvariants(camp.sessions[0].id)
  })

  test('a session cancelled after the freeze is withdrawn from the draw, in the published record', async () => {
    const camp = await lotteryCamp({ capacity: [1, 1] })
    for (let i = 0; i < 3; i++)
      await applyFor(
        camp,
        await family(camp.now, 1, `家长${i}`),
        camp.sessions.map((s) => s.id),
      )
    await runDueLotteries(camp.afterClose)
    const { cancelSession } = await import('~/models/organiser/cancel-session.server')
    await cancelSession(camp.sessions[0].id, '场地维修', (await createUser(db, { role: 'organiser' })).id)
    await drawLottery(camp)
    const record = await downloadableRecord(camp.programme.slug)
    expect(record?.draw?.withdrawn).toEqual([1])
    expect(record?.draw?.result.filter((r) => r.outcome === 'placed').map((r) => r.outcome === 'placed' && r.session)).toEqual([2])
    expect(await verifyLottery(camp.programme.slug)).toMatchObject({ ok: true, placed: 1, waitlisted: 2 })
  })
  test('the public results: masked names and codes, no full name, phone or child; seed only after the draw', async () => {
    const camp = await lotteryCamp({ capacity: [1, 1] })
    const f = await family(camp.now, 1, '王小芳')
    await applyFor(camp, f)
    const load = () =>
      (resultsRoute.loader as Fn)({
        request: new Request(`http://localhost/programmes/${camp.programme.slug}/results`),
        params: { slug: camp.programme.slug },
        context: {},
      })
    type Page = { story: { frozenAt: Date | null; seedHash: string | null; serverSeed: string | null; seed: string | null } }
    expect(await load()).toMatchObject({ story: { frozenAt: null, seedHash: null }, rows: [] })
    await runDueLotteries(camp.afterClose)
    const frozen = (await load()) as Page
    expect(frozen.story.seedHash).toMatch(/^[0-9a-f]{64}$/)
    expect(frozen.story.serverSeed).toBeNull()
    await drawLottery(camp)
    const page = await load()
    const text = JSON.stringify(page)
    expect(text).toContain('王*芳')
    const entry = await db.lotteryEntry.findFirstOrThrow()
    expect(text).toContain(entry.code)
    for (const secret of ['王小芳', f.parent.email, f.parent.phone!, f.children[0].name, f.childIds[0], f.parent.id])
      expect(text).not.toContain(secret)
    expect((page as Page).story.serverSeed).toMatch(/^[0-9a-f]{64}$/)
    expect(text).not.toContain((await db.lottery.findFirstOrThrow()).seedSealed)
    expect(maskName('Jane Smith')).toBe('J********h')
    expect(maskName('李')).toBe('李*')
    expect((await publicResults('no-such-programme')) ?? null).toBeNull()
  })
})

describe('after the draw', () => {
  test('a cancelled place goes down the drawn waitlist; a household waits until there is room for all of it', async () => {
    const camp = await lotteryCamp({ capacity: [2], waitlistMode: 'auto' })
    const ones = [await family(camp.now, 1, '甲一'), await family(camp.now, 1, '乙二')]
    const pair = await family(camp.now, 2, '丙三')
    const single = await family(camp.now, 1, '丁四')
    for (const f of [...ones, pair, single]) {
      await applyFor(camp, f)
    }
    await runDueLotteries(camp.afterClose)
    await drawLottery(camp)
    const session = camp.sessions[0]
    const confirmed = await db.booking.findMany({ where: { sessionId: session.id, status: 'confirmed' } })
    const waiting = await db.booking.findMany({ where: { sessionId: session.id, status: 'waitlisted' }, orderBy: { waitlistSeq: 'asc' } })
    expect(confirmed.length + waiting.length).toBe(5)
    await expectInvariants(session.id)
    // free one seat at a time: whoever is first in line and fits gets it, in draw order
    const lottery = await db.lottery.findFirstOrThrow()
    const order = (JSON.parse(lottery.result!) as { id: string; outcome: string }[])
      .filter((r) => r.outcome === 'waitlisted')
      .map((r) => r.id)
    expect(order.length).toBeGreaterThan(0)
    for (const b of confirmed) await cancelBooking({ bookingId: b.id, userId: b.bookerId, now: camp.atDraw })
    await expectInvariants(session.id)
    const after = await db.booking.findMany({ where: { sessionId: session.id, status: 'confirmed' } })
    expect(after.length).toBeGreaterThan(0)
    const pairBookings = await db.booking.findMany({ where: { childId: { in: pair.childIds } } })
    expect(new Set(pairBookings.map((b) => b.status)).size).toBe(1) // never one sibling without the other
  })

  test('a household is seated whole or not at all, even when a seat goes between reading the session and taking seats', async () => {
    const { now } = testClock()
    const dept = await createDepartment(db)
    const programme = await createProgramme(db, dept.id, { kind: 'camp', audience: 'child', minAge: 6, maxAge: 12 }, now)
    const session = await createSession(db, programme.id, { startsAt: new Date(now.getTime() + 30 * DAY), capacity: 1 }, now)
    const [single, pair] = [await family(now, 1), await family(now, 2)]
    const children = (f: { childIds: string[] }) => f.childIds.map((childId) => ({ kind: 'child' as const, childId }))
    await bookSession({ userId: single.parent.id, sessionId: session.id, attendees: children(single), now })
    const waiting = await bookSession({ userId: pair.parent.id, sessionId: session.id, attendees: children(pair), now })
    expect(waiting.map((o) => o.result)).toEqual(['waitlisted', 'waitlisted'])
    // the pair waits together, as a lottery leaves them; two places are added without serving the waitlist
    await write((tx) => tx.booking.updateMany({ where: { childId: { in: pair.childIds } }, data: { householdId: 'pair' } }))
    await write((tx) => tx.session.update({ where: { id: session.id }, data: { capacity: 3 } }))

    // another transaction takes one of the two free seats and holds its lock for a moment; the
    // promotion starts meanwhile: on PostgreSQL it reads two free seats (the other is not
    // committed yet), then waits at the first seat it takes, and finds one seat left
    let seatTaken: () => void = () => {}
    const tookSeat = new Promise<void>((resolve) => (seatTaken = resolve))
    const other = write(async (tx) => {
      expect(await tryTakeSeat(tx, session.id, null)).toBe(true)
      seatTaken()
      await new Promise((resolve) => setTimeout(resolve, 400))
    })
    await tookSeat
    const promoted = await write((tx) => promoteFromWaitlist(tx, session.id, now))
    await other
    expect(promoted).toEqual([])
    const pairBookings = await db.booking.findMany({ where: { childId: { in: pair.childIds } } })
    expect(pairBookings.map((b) => b.status)).toEqual(['waitlisted', 'waitlisted']) // never one sibling without the other
    // the single child's seat and the other transaction's: none left taken by a half-seated household
    expect(await db.session.findUniqueOrThrow({ where: { id: session.id } })).toMatchObject({ seatsTaken: 2 })
  })

  test('offer mode: a drawn place is held to be claimed; unclaimed, it passes down the drawn waitlist', async () => {
    const camp = await lotteryCamp({ capacity: [1], waitlistMode: 'offer' })
    const [a, b] = [await family(camp.now, 1, '钱一'), await family(camp.now, 1, '孙二')]
    for (const f of [a, b]) {
      await applyFor(camp, f)
    }
    await runDueLotteries(camp.afterClose)
    await drawLottery(camp)
    const offered = await db.booking.findFirstOrThrow({ where: { status: 'offered' } })
    expect(offered.offerExpiresAt).toEqual(new Date(camp.atDraw.getTime() + 24 * 60 * 60 * 1000))
    const mail = await db.outboxMessage.findFirstOrThrow({ where: { bookingId: offered.id } })
    const composed = await composeMail({ ...mail, locale: 'en' }, 'women@union.example.cn')
    expect(composed.text).toContain('held for you until')
    expect(composed.html).toContain('/offers/')
    expect(composed.icalEvent).toBeUndefined() // the invite comes once the place is claimed
    await expectInvariants(camp.sessions[0].id)
    // nobody claims it in time: it expires and the next in draw order is offered it
    const { expireOffers } = await import('~/models/booking/offers.server')
    expect(await expireOffers(new Date(camp.atDraw.getTime() + 25 * 60 * 60 * 1000))).toBe(1)
    const next = await db.booking.findFirstOrThrow({ where: { status: 'offered' } })
    expect(next.bookerId).not.toBe(offered.bookerId)
    await expectInvariants(camp.sessions[0].id)
  })

  test('priority tiers: new households first, a household with a no-show last', async () => {
    const camp = await lotteryCamp({ capacity: [1, 1], tiers: 'new-first,no-show-last' })
    const dept = await db.department.findFirstOrThrow()
    const pastCamp = await createProgramme(db, dept.id, { kind: 'camp', audience: 'child' }, camp.plus(-200 * DAY))
    const pastSession = await createSession(db, pastCamp.id, { startsAt: camp.plus(-100 * DAY) }, camp.now)
    const veteran = await family(camp.now, 1, '老会员')
    const absent = await family(camp.now, 1, '缺席者')
    const newcomer = await family(camp.now, 1, '新会员')
    const pastDay = shanghaiDay(pastSession.startsAt)
    await db.booking.create({
      data: {
        sessionId: pastSession.id,
        bookerId: veteran.parent.id,
        childId: veteran.childIds[0],
        status: 'confirmed',
        attendance: { create: { day: pastDay, status: 'present', arrivedAt: pastSession.startsAt } },
      },
    })
    // an absence reported in advance is no no-show: only the unexcused one counts
    await db.booking.create({
      data: {
        sessionId: pastSession.id,
        bookerId: newcomer.parent.id,
        status: 'confirmed',
        attendeeUserId: newcomer.parent.id,
        attendance: { create: { day: pastDay, status: 'excused' } },
      },
    })
    await db.booking.create({
      data: {
        sessionId: pastSession.id,
        bookerId: absent.parent.id,
        childId: absent.childIds[0],
        status: 'confirmed',
        attendance: { create: { day: pastDay, status: 'absent' } },
      },
    })
    for (const f of [absent, veteran, newcomer]) {
      await applyFor(camp, f)
    }
    await runDueLotteries(camp.afterClose)
    const { units } = JSON.parse((await db.lottery.findFirstOrThrow()).frozenEntries) as {
      units: { id: string; entryId: string; tier: number }[]
    }
    const entries = await db.lotteryEntry.findMany({ select: { id: true, applicantId: true } })
    const tier = (f: { parent: { id: string } }) =>
      units.find((u) => u.entryId === entries.find((e) => e.applicantId === f.parent.id)!.id)!.tier
    expect([tier(newcomer), tier(veteran), tier(absent)]).toEqual([0, 1, 2])
    await drawLottery(camp)
    const result = JSON.parse((await db.lottery.findFirstOrThrow()).result!) as { id: string; outcome: string }[]
    const entryOf = (unitId: string) => units.find((u) => u.id === unitId)!.entryId
    expect(result.map((r) => entries.find((e) => e.id === entryOf(r.id))!.applicantId)).toEqual([
      newcomer.parent.id,
      veteran.parent.id,
      absent.parent.id,
    ])
    expect(result[0].outcome).toBe('placed')
  })
})

describe('once frozen', () => {
  test('an organiser cannot change the allocation, window, tiers, draw time or public-value sources under it', async () => {
    const camp = await lotteryCamp()
    await runDueLotteries(camp.afterClose)
    const { updateProgramme } = await import('~/models/organiser/manage-programme.server')
    const someone = (await createUser(db, { role: 'organiser' })).id
    const p = await db.programme.findUniqueOrThrow({ where: { id: camp.programme.id } })
    const input = {
      slug: p.slug,
      titleZh: p.titleZh,
      titleEn: p.titleEn,
      summaryZh: p.summaryZh,
      summaryEn: p.summaryEn,
      descriptionZh: p.descriptionZh,
      descriptionEn: p.descriptionEn,
      membersOnly: p.membersOnly,
      bookingOpensAt: p.bookingOpensAt,
      bookingClosesAt: p.bookingClosesAt,
      cancelDeadlineHours: p.cancelDeadlineHours,
      offerHours: p.offerHours,
      minAge: p.minAge ?? undefined,
      maxAge: p.maxAge ?? undefined,
      perBookerLimit: undefined,
      contactPhone: undefined,
      kind: 'camp' as const,
      audience: 'child' as const,
      waitlistMode: 'auto' as const,
      drawAt: p.drawAt ?? undefined,
      drawSource: p.drawSource,
      drawFallback: p.drawFallback,
      allocation: 'first-come' as const,
      priorityTiers: [],
      mutualChoice: false,
    }
    expect(await updateProgramme(p.id, input, someone)).toEqual({ ok: false, field: 'allocation', error: 'errors.lotteryFrozen' })
    expect(await updateProgramme(p.id, { ...input, allocation: 'lottery', bookingClosesAt: camp.plus(3 * DAY) }, someone)).toMatchObject({
      ok: false,
    })
    // the public value's sources and the draw time are inside the commitment
    for (const change of [{ drawSource: '另一个来源' }, { drawFallback: '另一个备用' }, { drawAt: camp.plus(3 * DAY) }]) {
      expect(await updateProgramme(p.id, { ...input, allocation: 'lottery', ...change }, someone)).toMatchObject({ ok: false })
    }
    expect(await updateProgramme(p.id, { ...input, allocation: 'lottery', titleEn: 'Renamed' }, someone)).toMatchObject({ ok: true })
  })
})

describe('erasure (PIPL)', () => {
  test('deleting a child takes it out of an open application; deleting the account withdraws the application', async () => {
    const camp = await lotteryCamp()
    const { parent, childIds } = await family(camp.now, 2)
    await applyFor(camp, { parent, childIds })
    const { eraseAccount, eraseChild } = await import('~/models/privacy/erase.server')
    await eraseChild({ guardianId: parent.id, childId: childIds[0] })
    expect(JSON.parse((await db.lotteryEntry.findFirstOrThrow()).attendees)).toEqual([`c:${childIds[1]}`])
    await eraseAccount({ userId: parent.id, actorId: parent.id })
    expect(await db.lotteryEntry.count()).toBe(0)
  })

  test('a family deleted after the freeze keeps its line in the published result but gets no booking', async () => {
    const camp = await lotteryCamp({ capacity: [5] })
    const gone = await family(camp.now, 1, '赵钱孙')
    const stays = await family(camp.now, 1, '周吴郑')
    for (const f of [gone, stays]) {
      await applyFor(camp, f)
    }
    await runDueLotteries(camp.afterClose)
    const { eraseAccount } = await import('~/models/privacy/erase.server')
    await eraseAccount({ userId: gone.parent.id, actorId: gone.parent.id })
    await drawLottery(camp)
    expect(await db.booking.count({ where: { bookerId: gone.parent.id } })).toBe(0)
    expect(await db.booking.count({ where: { bookerId: stays.parent.id, status: 'confirmed' } })).toBe(1)
    expect(await verifyLottery(camp.programme.slug)).toMatchObject({ ok: true, units: 2, placed: 2 })
    await expectInvariants(camp.sessions[0].id)
  })
})
