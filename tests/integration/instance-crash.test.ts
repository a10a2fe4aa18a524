import { describe, expect, test } from 'vitest'
import { deliverDueMail } from '~/models/mail/outbox-worker.server'
import { db } from '~/utils/db.server'
import { testClock } from '../clock'
import { createDepartment, createProgramme, createSession, createUser } from '../factories'
import { startInstance } from './contended/instances'
import { expectInvariants } from './invariants'
import { startSmtpSink } from './smtp-sink'

// An app instance killed with SIGKILL in the middle of a rush — no shutdown, transactions cut
// off wherever they were — then started again with the same members resubmitting.
describe('an instance killed mid-rush', () => {
  test('kill -9 during the rush, restart: counters equal rows, nothing half-written, each mail delivered once', async () => {
    const { now } = testClock()
    const dept = await createDepartment(db)
    const programme = await createProgramme(db, dept.id, { kind: 'social' }, now)
    const session = await createSession(db, programme.id, { capacity: 20 }, now)
    const members: { id: string }[] = []
    for (let i = 0; i < 120; i++) members.push(await createUser(db))
    const [half1, half2] = [members.slice(0, 60).map((m) => m.id), members.slice(60).map((m) => m.id)]

    // the victim kills itself (SIGKILL) the moment its fifth booking returns: on a fast machine a
    // kill sent from here after polling could arrive only when all 60 were done
    const victim = startInstance(session.id, half1, 5)
    const survivor = startInstance(session.id, half2)
    await Promise.all([victim.next(), survivor.next()]) // both ready
    const survived = survivor.next()
    const exited = new Promise((resolve) => victim.child.once('exit', (_code, signal) => resolve(signal)))
    victim.child.stdin.write('go\n')
    survivor.child.stdin.write('go\n')
    expect(await exited).toBe('SIGKILL')
    expect(JSON.parse(await survived).errors).toEqual([])
    const beforeRestart = await db.booking.count({ where: { bookerId: { in: half1 } } })
    expect(beforeRestart).toBeLessThan(60) // it really died mid-rush
    await expectInvariants(session.id)

    // the restarted instance: every one of its members submits again
    const restarted = startInstance(session.id, half1)
    await restarted.next()
    const again = restarted.next()
    restarted.child.stdin.write('go\n')
    expect(JSON.parse(await again).errors).toEqual([])
    restarted.child.kill()

    await expectInvariants(session.id)
    const bookings = await db.booking.findMany({ where: { sessionId: session.id }, select: { id: true, status: true, bookerId: true } })
    expect(bookings).toHaveLength(120)
    expect(new Set(bookings.map((b) => b.bookerId)).size).toBe(120)
    expect(bookings.filter((b) => b.status === 'confirmed')).toHaveLength(20)
    // every booking has exactly its one mail and its one audit entry: none half-written
    const mail = await db.outboxMessage.groupBy({ by: ['bookingId'], _count: true })
    expect(mail).toHaveLength(120)
    expect(mail.every((m) => m._count === 1)).toBe(true)
    const audit = await db.auditLog.groupBy({ by: ['entityId'], where: { entity: 'Booking' }, _count: true })
    expect(audit).toHaveLength(120)

    // two workers deliver it all: each message once
    const sink = await startSmtpSink()
    try {
      const deliver = (owner: string) =>
        deliverDueMail({ owner, transporter: sink.transporter(), from: 'Carnation <no-reply@carnation.test>', batch: 200 })
      const [a, b] = await Promise.all([deliver('worker-a'), deliver('worker-b')])
      expect(a.sent + b.sent).toBe(120)
      expect(sink.received).toHaveLength(120)
      expect(await db.outboxMessage.count({ where: { status: 'sent' } })).toBe(120)
    } finally {
      await sink.stop()
    }
  })
})
