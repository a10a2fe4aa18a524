import { describe, expect, test } from 'vitest'
import { db } from '~/utils/db.server'
import { testClock } from '../clock'
import { createDepartment, createProgramme, createSession, createUser } from '../factories'
import { startInstance, type Result } from './contended/instances'
import { expectInvariants } from './invariants'

// The other rush tests run in one process, whose SQLite adapter serialises its transactions:
// they cannot see a booking path that is only correct because nothing runs beside it. Here
// several app instances — separate processes, separate connections to the same database
// file, as behind a load balancer — book the same session at the same moment.

async function contendedRush(options: { instances: number; capacity: number; members: number; quotas?: boolean }) {
  const { now } = testClock()
  const dept = await createDepartment(db)
  const programme = await createProgramme(db, dept.id, { kind: 'social' }, now)
  const half = options.capacity / 2
  const quotas = options.quotas
    ? [
        { category: 'female' as const, capacity: half },
        { category: 'male' as const, capacity: half },
      ]
    : undefined
  const session = await createSession(db, programme.id, { capacity: options.capacity, quotas }, now)
  const members: { id: string }[] = []
  for (let i = 0; i < options.members; i++) members.push(await createUser(db, { gender: i % 2 ? 'male' : 'female' }))
  // every instance gets a share of the members, and each member is also sent to a second
  // instance: a double submit that lands on two servers at once
  const shares = Array.from({ length: options.instances }, (_, k) => [
    ...members.filter((_, i) => i % options.instances === k),
    ...members.filter((_, i) => i % options.instances === (k + 1) % options.instances && i % 5 === 0),
  ])
  const instances = shares.map((share) =>
    startInstance(
      session.id,
      share.map((m) => m.id),
    ),
  )
  try {
    await Promise.all(instances.map((i) => i.next().then((line) => expect(line).toBe('ready'))))
    const results = instances.map((i) => i.next())
    for (const i of instances) i.child.stdin.write('go\n')
    const parsed = (await Promise.all(results)).map((line) => JSON.parse(line) as Result)
    return { session, members, outcomes: parsed.flatMap((r) => r.outcomes), errors: parsed.flatMap((r) => r.errors) }
  } finally {
    for (const i of instances) i.child.kill()
  }
}

describe('booking with several app instances on one database', () => {
  test('4 processes, 200 members, 20 seats: exactly 20 confirmed, the rest waitlisted 1..180, double submits create nothing', async () => {
    const { session, members, errors } = await contendedRush({ instances: 4, capacity: 20, members: 200 })
    expect(errors).toEqual([])
    const bookings = await db.booking.findMany({ where: { sessionId: session.id }, select: { status: true, waitlistSeq: true } })
    expect(bookings).toHaveLength(members.length)
    expect(bookings.filter((b) => b.status === 'confirmed')).toHaveLength(20)
    const queue = bookings.flatMap((b) => (b.status === 'waitlisted' ? [b.waitlistSeq] : [])).sort((a, b) => a! - b!)
    expect(queue).toEqual(Array.from({ length: 180 }, (_, i) => i + 1))
    await expectInvariants(session.id)
  })

  test('the same with 10 women / 10 men: no quota exceeded', async () => {
    const { session, errors } = await contendedRush({ instances: 4, capacity: 20, members: 120, quotas: true })
    expect(errors).toEqual([])
    const confirmed = await db.booking.groupBy({
      by: ['quotaCategory'],
      where: { sessionId: session.id, status: 'confirmed' },
      _count: true,
    })
    expect(Object.fromEntries(confirmed.map((c) => [c.quotaCategory, c._count]))).toEqual({ female: 10, male: 10 })
    await expectInvariants(session.id)
  })
})
