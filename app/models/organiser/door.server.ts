import { arriveAllIn, bookingForRegister, collectIn, type Collector, type Effects } from '~/models/attendance/register.server'
import { writeAudit, writeAudits } from '~/models/audit/audit.server'
import { enqueueMails } from '~/models/outbox/outbox.server'
import { meetingDayAt } from '~/models/programme/recurrence'
import type { SignedInUser } from '~/models/user/login.server'
import type { Prisma } from '../../../generated/prisma/client'
import { db, isUniqueViolation, write, type Tx } from '~/utils/db.server'
import { collectorOf, type DoorRecordInput } from './schemas'
import { programmeScope } from './scope.server'

/**
 * The records the door on an organiser's phone sends back, online or not
 * (docs/decisions/0021-door-offline.md; the day's list it keeps is door-list.server.ts). A record
 * goes through the same rules as a tap on the roster (arriveAllIn / collectIn); its id makes a resend
 * harmless, and what a second door said about the same child is kept as a conflict to settle.
 */

/** How old a record the door may still send: a phone dead for a week still delivers its morning. */
export const DOOR_RECORD_MAX_AGE_DAYS = 14
/** How far ahead of the server a phone's clock is believed (beyond it: the server's time). */
const CLOCK_SKEW_MS = 5 * 60 * 1000

export type DoorOutcome = 'applied' | 'conflict' | 'review' | 'refused'
export type DoorResult = { id: string; outcome: DoorOutcome; error?: string; name?: string }

// a rule's refusal that means "another record was there first": kept as a conflict, never dropped
const CONFLICTS = new Set(['attendance.alreadyArrived', 'attendance.alreadyCollected', 'attendance.notArrived', 'attendance.notOnList'])

/**
 * The records a door sends (docs/decisions/0021-door-offline.md), in one transaction: a record
 * already stored (same id) is answered as it was; a booking not found in the organiser's scope,
 * no longer confirmed, or a record too old is refused (nothing written — the phone shows the
 * reason); otherwise the register's rules apply at the phone's time (not ahead of the server's)
 * and the record is kept: applied, a conflict (another door's record was first), or applied
 * for review (someone not on the list collected the child).
 */
export async function syncDoorRecords(user: SignedInUser, records: DoorRecordInput[], now = new Date()): Promise<DoorResult[]> {
  try {
    return await write((tx) => applyDoorRecords(tx, user, records, now), { timeout: 30_000 })
  } catch (error) {
    // the same record in two requests at once (a retry while the first was in flight): once
    // the first has landed, this one finds it stored
    if (!isUniqueViolation(error)) throw error
    return write((tx) => applyDoorRecords(tx, user, records, now), { timeout: 30_000 })
  }
}

async function applyDoorRecords(tx: Tx, user: SignedInUser, records: DoorRecordInput[], now: Date) {
  const ids = records.map((r) => r.id)
  const stored = new Map(
    (await tx.doorRecord.findMany({ where: { id: { in: ids } }, select: { id: true, outcome: true, error: true } })).map((r) => [r.id, r]),
  )
  const bookings = new Map(
    (
      await tx.booking.findMany({
        where: { id: { in: [...new Set(records.map((r) => r.bookingId))] }, session: { programme: programmeScope(user) } },
        select: { ...bookingForRegister, status: true },
      })
    ).map((b) => [b.id, b]),
  )
  const oldest = now.getTime() - DOOR_RECORD_MAX_AGE_DAYS * 24 * 60 * 60 * 1000
  const results = new Map<string, DoorResult>()
  const keep: Prisma.DoorRecordCreateManyInput[] = []
  // the rules' audit entries and mail, written once for the whole batch
  const effects: Effects = { audit: [], mail: [] }
  type Accepted = { record: DoorRecordInput; booking: NonNullable<ReturnType<typeof bookings.get>>; at: Date; collector: Collector | null }
  const accepted: Accepted[] = []
  const taken = new Set<string>()
  // in the order they happened at the doors: an arrival before the pick-up that follows it
  for (const record of [...records].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const { id } = record
    if (results.has(id) || taken.has(id)) continue
    taken.add(id)
    const before = stored.get(id)
    const booking = bookings.get(record.bookingId)
    const refuse = (error: string) => results.set(id, { id, outcome: 'refused', error })
    if (before) results.set(id, { id, outcome: before.outcome as DoorOutcome, ...(before.error ? { error: before.error } : {}) })
    else if (!booking || booking.sessionId !== record.sessionId) refuse('door.notYours')
    else if (booking.status !== 'confirmed') refuse('booking.notActive')
    else if (record.at.getTime() < oldest) refuse('door.tooOld')
    else {
      // a phone whose clock runs ahead is believed up to a few minutes; past that, the server's time
      const at = record.at.getTime() > now.getTime() + CLOCK_SKEW_MS ? now : new Date(Math.min(record.at.getTime(), now.getTime()))
      const collector =
        record.kind === 'pickup' ? collectorOf({ collector: record.collector!, otherName: record.otherName, reason: record.reason }) : null
      accepted.push({ record, booking, at, collector })
    }
  }
  // the arrivals together (one insert for their days), then each pick-up after them
  const arrivals = accepted.filter((a) => !a.collector)
  const arrived = await arriveAllIn(
    tx,
    arrivals.map(({ booking, at }) => ({ booking, actorId: user.id, now: at, effects })),
  )
  const outcomes = new Map(arrivals.map((a, i) => [a.record.id, arrived[i]]))
  for (const { record, booking, at, collector } of accepted) {
    if (collector) outcomes.set(record.id, await collectIn(tx, booking, { actorId: user.id, collector, now: at, effects }))
  }
  for (const { record, booking, at, collector } of accepted) {
    const { id } = record
    const result = outcomes.get(id)!
    if (!result.ok && !CONFLICTS.has(result.error)) {
      results.set(id, { id, outcome: 'refused', error: result.error })
      continue
    }
    const outcome: DoorOutcome = !result.ok ? 'conflict' : collector?.kind === 'other' ? 'review' : 'applied'
    const collectorName = result.ok
      ? (result.collectedByName ?? null)
      : collector?.kind === 'other'
        ? collector.name
        : collector?.kind === 'guardian'
          ? booking.booker.name
          : null
    keep.push({
      id,
      bookingId: booking.id,
      sessionId: booking.sessionId,
      day: meetingDayAt(booking.session, at),
      kind: record.kind,
      collectorKind: collector?.kind ?? null,
      collectorName,
      reason: collector?.kind === 'other' ? collector.reason : null,
      deviceAt: record.at,
      receivedAt: now,
      recordedById: user.id,
      outcome,
      error: result.ok ? null : result.error,
    })
    results.set(id, { id, outcome, name: result.ok ? result.name : undefined, ...(result.ok ? {} : { error: result.error }) })
  }
  if (keep.length) {
    await tx.doorRecord.createMany({ data: keep })
    const conflicts = keep.filter((k) => k.outcome !== 'applied').length
    effects.audit.push({
      actorId: user.id,
      action: 'door.synced',
      entity: 'User',
      entityId: user.id,
      data: { records: keep.length, conflicts },
    })
    await writeAudits(tx, effects.audit)
    if (effects.mail.length) await enqueueMails(tx, effects.mail, now)
  }
  return ids.map((id) => results.get(id)!)
}

/** A session's door records that wait for an organiser: conflicts, and pick-ups by someone not on the list. */
export function doorRecordsToSettle(sessionId: string) {
  return db.doorRecord.findMany({
    where: { sessionId, settledAt: null, outcome: { in: ['conflict', 'review'] } },
    orderBy: { deviceAt: 'asc' },
    select: {
      id: true,
      day: true,
      kind: true,
      outcome: true,
      error: true,
      collectorName: true,
      reason: true,
      deviceAt: true,
      receivedAt: true,
      booking: {
        select: { child: { select: { name: true } }, attendeeUser: { select: { name: true } }, booker: { select: { name: true } } },
      },
    },
  })
}

/** An organiser has looked at a door record that waited and settled it (on record). */
export function settleDoorRecord(input: { sessionId: string; recordId: string; actorId: string; now?: Date }) {
  const now = input.now ?? new Date()
  return write(async (tx) => {
    const { count } = await tx.doorRecord.updateMany({
      where: { id: input.recordId, sessionId: input.sessionId, settledAt: null },
      data: { settledAt: now, settledById: input.actorId },
    })
    if (count) await writeAudit(tx, { actorId: input.actorId, action: 'door.settled', entity: 'DoorRecord', entityId: input.recordId })
    return count === 1
  })
}
