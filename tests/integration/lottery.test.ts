import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, test } from 'vitest'
import { bookSession } from '~/models/booking/book-session.server'
import { cancelBooking } from '~/models/booking/cancel-booking.server'
import { tryTakeSeat } from '~/models/booking/seats.server'
import { promoteFromWaitlist } from '~/models/booking/waitlist.server'
import { composeMail } from '~/models/mail/compose.server'
import { applyToLottery, withdrawFromLottery } from '~/models/lottery/entries.server'
import { publicResults } from '~/models/lottery/results.server'
import { maskName } from '~/utils/mask'
import { drawNow, FREEZE_GRACE_MS, runDraw, runDueLotteries } from '~/models/lottery/run.server'
import { verifyLottery } from '~/models/lottery/verify.server'
import * as programmeRoute from '~/routes/programmes.$slug'
import * as resultsRoute from '~/routes/programmes.$slug_.results'
import { db, write } from '~/utils/db.server'
import { shanghaiDay, shanghaiTime } from '~/utils/time'
import { createChild, createDepartment, createProgramme, createSession, createUser } from '../factories'
import { DAY, testClock } from '../clock'
import { startProcess } from './contended/instances'
import { expectInvariants } from './invariants'
import { loginCookie, post } from './request'

const run = promisify(execFile)
type Fn = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<unknown>

/** A children's camp by lottery: window open now, closing in a day, drawn two days from now. */
async function lotteryCamp(options: { capacity?: number[]; tiers?: string; waitlistMode?: 'auto' | 'offer'; quotas?: boolean } = {}) {
  const clock = testClock()
  const dept = await createDepartment(db)
  const programme = await createProgramme(
    db,
    dept.id,
    {
      kind: 'camp',
      audience: 'child',
      minAge: 6,
      maxAge: 12,
      membersOnly: true,
      allocation: 'lottery',
      bookingClosesAt: clock.plus(DAY),
      drawAt: clock.plus(2 * DAY),
      priorityTiers: options.tiers ?? '',
      waitlistMode: options.waitlistMode ?? 'auto',
    },
    clock.now,
  )
  const sessions = []
  for (const [i, capacity] of (options.capacity ?? [2, 2]).entries()) {
    sessions.push(
      await createSession(
        db,
        programme.id,
        {
          startsAt: clock.plus((30 + 14 * i) * DAY),
          capacity,
          quotas: options.quotas ? [{ category: 'male', capacity: 1 }] : undefined,
        },
        clock.now,
      ),
    )
  }
  return { ...clock, programme, sessions, afterClose: clock.plus(DAY + FREEZE_GRACE_MS), atDraw: clock.plus(2 * DAY) }
}

/** A family applies, siblings together, on the day the window is open: the first session, or the choices given. */
function applyFor(
  camp: { now: Date; programme: { id: string }; sessions: { id: string }[] },
  f: { parent: { id: string }; childIds: string[] },
  choices = [camp.sessions[0].id],
) {
  return applyToLottery({
    userId: f.parent.id,
    programmeId: camp.programme.id,
    childIds: f.childIds,
    choices,
    together: true,
    now: camp.now,
  })
}

const year = (now: Date) => Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Asia/Shanghai' }).format(now))
const childAged = (now: Date, age: number) => shanghaiTime(`${year(now) - age}-01-15`)

async function family(now: Date, kids: number, name = '王小芳') {
  const parent = await createUser(db, { name })
  const children = []
  for (let i = 0; i < kids; i++)
    children.push(await createChild(db, parent.id, { birthDate: childAged(now, 8), gender: i % 2 ? 'female' : 'male' }))
  return { parent, children, childIds: children.map((c) => c.id) }
}

describe('applying for a lottery', () => {
  test('apply, change (same code), withdraw; eligibility with the booking reasons; no booking before the draw', async () => {
    const camp = await lotteryCamp()
    const { parent, childIds } = await family(camp.now, 2)
    const young = await createChild(db, parent.id, { name: '小小', birthDate: childAged(camp.now, 3), gender: 'female' })
    const base = { userId: parent.id, programmeId: camp.programme.id, together: true, now: camp.now }

    expect(await applyToLottery({ ...base, childIds: [...childIds, young.id], choices: [camp.sessions[0].id] })).toEqual({
      ok: false,
      refusals: [{ name: '小小', reason: 'too-young' }],
    })
    const first = await applyToLottery({ ...base, childIds, choices: [camp.sessions[0].id, camp.sessions[1].id] })
    expect(first).toMatchObject({ ok: true, edited: false, code: expect.stringMatching(/^\d{4}$/) })
    const again = await applyToLottery({ ...base, childIds: [childIds[0]], choices: [camp.sessions[1].id] })
    expect(again).toEqual({ ok: true, edited: true, code: first.ok ? first.code : '' })
    expect(await db.lotteryEntry.count()).toBe(1)
    expect(await applyToLottery({ ...base, childIds, choices: [camp.sessions[0].id, camp.sessions[0].id] })).toEqual({
      ok: false,
      error: 'duplicate-choice',
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
    expect(await withdrawFromLottery({ userId: parent.id, programmeId: camp.programme.id, now: late })).toEqual({ ok: false })
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
    const units = JSON.parse(drawn.frozenEntries) as { id: string; attendees: unknown[] }[]
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

    expect(await verifyLottery(camp.programme.slug)).toMatchObject({ ok: true, entries: 4, hash: drawn.entriesHash })
    expect(await drawNow(camp.programme.id, 'someone', camp.atDraw)).toEqual({ ok: false, reason: 'already-drawn' })
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
    await race(camp.atDraw)
    expect(await db.auditLog.count({ where: { action: 'lottery.drawn' } })).toBe(1)
    expect(await db.booking.count()).toBe(12) // 8 families, 12 children: each booked once
    expect(await db.outboxMessage.count()).toBe(12)
    for (const s of camp.sessions) await expectInvariants(s.id)
    expect(await verifyLottery(camp.programme.slug)).toMatchObject({ ok: true, entries: 8 })
  })

  test('lottery:verify recomputes from the database (the real command) and names what differs when tampered with', async () => {
    const camp = await lotteryCamp({ capacity: [1, 1] })
    for (const name of ['甲乙丙', '丁戊己', '庚辛壬']) {
      const f = await family(camp.now, 1, name)
      await applyFor(camp, f)
    }
    expect(await drawNow(camp.programme.id, 'organiser', camp.now)).toEqual({ ok: false, reason: 'not-closed' })
    expect(await drawNow(camp.programme.id, (await createUser(db, { role: 'organiser' })).id, camp.afterClose)).toMatchObject({
      ok: true,
      placed: 1,
      waitlisted: 2,
    })
    const lottery = await db.lottery.findFirstOrThrow()
    const { stdout } = await run('npx', ['tsx', 'scripts/lottery-verify.ts', camp.programme.slug], { env: process.env })
    expect(stdout.trim()).toBe(`lottery: ok entries=3 placed=1 waitlisted=2 hash=${lottery.entriesHash}`)

    // a result edited after the fact (the waitlist's first and the place swapped, hash recomputed too)
    const result = JSON.parse(lottery.result!) as { id: string }[]
    ;[result[0].id, result[1].id] = [result[1].id, result[0].id]
    const { resultHashOf } = await import('~/models/lottery/run.server')
    await db.lottery.update({
      where: { id: lottery.id },
      data: { result: JSON.stringify(result), resultHash: resultHashOf(lottery.seats!, JSON.stringify(result)) },
    })
    const tampered = await verifyLottery(camp.programme.slug)
    expect(tampered).toMatchObject({ ok: false, problem: expect.stringContaining('draw position 1 differs') })
    const failed = await run('npx', ['tsx', 'scripts/lottery-verify.ts', camp.programme.slug], { env: process.env }).catch(
      (e: { code: number; stdout: string }) => e,
    )
    expect(failed).toMatchObject({ code: 1, stdout: expect.stringContaining('lottery: FAILED draw position 1 differs') })

    // a seed swapped for another: it no longer matches the commitment
    await db.lottery.update({ where: { id: lottery.id }, data: { seed: 'f'.repeat(64) } })
    expect(await verifyLottery(camp.programme.slug)).toMatchObject({
      ok: false,
      problem: expect.stringContaining('revealed seed hashes to'),
    })
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
    expect(await load()).toMatchObject({ lottery: null, rows: [] })
    await runDueLotteries(camp.afterClose)
    const frozen = (await load()) as { lottery: { seed: string | null; seedHash: string } }
    expect(frozen.lottery.seed).toBeNull()
    await runDueLotteries(camp.atDraw)
    const page = await load()
    const text = JSON.stringify(page)
    expect(text).toContain('王*芳')
    const entry = await db.lotteryEntry.findFirstOrThrow()
    expect(text).toContain(entry.code)
    for (const secret of ['王小芳', f.parent.email, f.parent.phone!, f.children[0].name, f.childIds[0], f.parent.id])
      expect(text).not.toContain(secret)
    expect((page as { lottery: { seed: string } }).lottery.seed).toMatch(/^[0-9a-f]{64}$/)
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
    await runDueLotteries(camp.atDraw)
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
    await runDueLotteries(camp.atDraw)
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
    const units = JSON.parse((await db.lottery.findFirstOrThrow()).frozenEntries) as { entryId: string; tier: number }[]
    const entries = await db.lotteryEntry.findMany({ select: { id: true, applicantId: true } })
    const tier = (f: { parent: { id: string } }) =>
      units.find((u) => u.entryId === entries.find((e) => e.applicantId === f.parent.id)!.id)!.tier
    expect([tier(newcomer), tier(veteran), tier(absent)]).toEqual([0, 1, 2])
    await runDueLotteries(camp.atDraw)
    const result = JSON.parse((await db.lottery.findFirstOrThrow()).result!) as { id: string; outcome: string }[]
    expect(result.map((r) => entries.find((e) => e.id === r.id)!.applicantId)).toEqual([
      newcomer.parent.id,
      veteran.parent.id,
      absent.parent.id,
    ])
    expect(result[0].outcome).toBe('placed')
  })
})

describe('once frozen', () => {
  test('an organiser cannot change the allocation, window or tiers under it', async () => {
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
      allocation: 'first-come' as const,
      priorityTiers: [],
    }
    expect(await updateProgramme(p.id, input, someone)).toEqual({ ok: false, field: 'allocation', error: 'errors.lotteryFrozen' })
    expect(await updateProgramme(p.id, { ...input, allocation: 'lottery', bookingClosesAt: camp.plus(3 * DAY) }, someone)).toMatchObject({
      ok: false,
    })
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
    await runDueLotteries(camp.atDraw)
    expect(await db.booking.count({ where: { bookerId: gone.parent.id } })).toBe(0)
    expect(await db.booking.count({ where: { bookerId: stays.parent.id, status: 'confirmed' } })).toBe(1)
    expect(await verifyLottery(camp.programme.slug)).toMatchObject({ ok: true, entries: 2, placed: 2 })
    await expectInvariants(camp.sessions[0].id)
  })
})
