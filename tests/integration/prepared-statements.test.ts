import { describe, expect, test } from 'vitest'
import { db, write } from '~/utils/db.server'
import { prepared, queries, reader, transaction } from '~/utils/query.server'
import { DAY, testClock } from '../clock'
import { createDepartment, createProgramme, createSession } from '../factories'

// prepared(): a hot statement built and compiled once, then run with each call's arguments. It
// must read and write exactly what the same statement built on every call does, on each of the
// three executors, and refuse a builder that does more with its arguments than pass them on.
describe('statements built once', () => {
  const seatsOf = prepared((q, a: { programmeId: string; from: Date }) =>
    q
      .selectFrom('Session')
      .select(['id', 'capacity', 'seatsTaken', 'startsAt'])
      .where('programmeId', '=', a.programmeId)
      .where('startsAt', '>=', a.from)
      .orderBy('startsAt'),
  )
  const built = (programmeId: string, from: Date) =>
    reader
      .selectFrom('Session')
      .select(['id', 'capacity', 'seatsTaken', 'startsAt'])
      .where('programmeId', '=', programmeId)
      .where('startsAt', '>=', from)
      .orderBy('startsAt')
      .execute()
  const addSeat = prepared((q, a: { id: string; now: Date }) =>
    q
      .updateTable('Session')
      .set((eb) => ({ seatsTaken: eb('seatsTaken', '+', 1), updatedAt: a.now }))
      .where('id', '=', a.id)
      .whereRef('seatsTaken', '<', 'capacity'),
  )

  test('read and write as the statement built each time, on the reader, in transaction() and in a Prisma transaction', async () => {
    const { now, plus } = testClock()
    const daysFromNow = (days: number) => plus(days * DAY)
    const dept = await createDepartment(db)
    const programmes = [
      await createProgramme(db, dept.id, { slug: 'prepared-a' }, now),
      await createProgramme(db, dept.id, { slug: 'prepared-b' }, now),
    ]
    const first = await createSession(db, programmes[0].id, { capacity: 1, startsAt: daysFromNow(3) }, now)
    await createSession(db, programmes[0].id, { capacity: 2, startsAt: daysFromNow(5) }, now)
    await createSession(db, programmes[1].id, { capacity: 3, startsAt: daysFromNow(4) }, now)

    // different arguments each call, the same compiled statement: each call's own rows
    for (const [programme, from] of [
      [programmes[0].id, daysFromNow(1)],
      [programmes[0].id, daysFromNow(4)],
      [programmes[1].id, daysFromNow(1)],
      [programmes[1].id, daysFromNow(9)],
    ] as const) {
      const { rows } = await seatsOf(reader, { programmeId: programme, from })
      expect(rows).toEqual(await built(programme, from))
      for (const row of rows) expect(row.startsAt).toBeInstanceOf(Date)
    }
    expect((await seatsOf(reader, { programmeId: programmes[0].id, from: daysFromNow(1) })).rows.map((r) => r.capacity)).toEqual([1, 2])

    // the conditional update counts what it changed, inside either kind of transaction
    const taken = await transaction(async (q) => Number((await addSeat(q, { id: first.id, now })).numAffectedRows))
    expect(taken).toBe(1)
    const full = await write(async (tx) => Number((await addSeat(queries(tx), { id: first.id, now })).numAffectedRows))
    expect(full).toBe(0)
    expect((await db.session.findUniqueOrThrow({ where: { id: first.id } })).seatsTaken).toBe(1)
    const read = await write(async (tx) => (await seatsOf(tx, { programmeId: programmes[1].id, from: daysFromNow(1) })).rows)
    expect(read).toEqual(await built(programmes[1].id, daysFromNow(1)))
  })

  test('a builder that branches on an argument or reads the clock is refused (outside production)', async () => {
    const branching = prepared((q, a: { id: string; status: string | null }) => {
      const query = q.selectFrom('Session').select('id').where('id', '=', a.id)
      return a.status ? query.where('status', '=', a.status) : query
    })
    // the stand-in is truthy: built once with the branch, the call without a status differs
    await expect(branching(reader, { id: 'none', status: null })).rejects.toThrow(/changed with its arguments/)
    await expect(branching(reader, { id: 'none', status: 'scheduled' })).resolves.toMatchObject({ rows: [] })

    const clock = prepared((q, a: { id: string }) => q.updateTable('Session').set({ updatedAt: new Date() }).where('id', '=', a.id))
    // its first call may fall within the millisecond it was built in; a later one cannot
    await transaction((q) => clock(q, { id: 'none' })).catch(() => undefined)
    await new Promise((resolve) => setTimeout(resolve, 5))
    await expect(transaction((q) => clock(q, { id: 'none' }))).rejects.toThrow(/changed with its arguments/)
  })
})
