import { writeAudit, type AuditEntry } from '~/models/audit/audit.server'
import { enqueueMail, type QueuedMail } from '~/models/outbox/outbox.server'
import { meetingDayAt, meetingDays } from '~/models/programme/recurrence'
import { sessionWhenSelect } from '~/models/programme/selects'
import { write, type Tx } from '~/utils/db.server'
import { newUpdatedRow, queries } from '~/utils/query.server'
import { shanghaiDay } from '~/utils/time'
import type { MessageKey } from '~/models/result'

/**
 * The register of one meeting day (docs/decisions/0017-attendance.md): arrival and, for a
 * child, pick-up, as organisers record them at the door or on the roster. One row per booking
 * and day, made by an insert that does nothing when the row is there (ON CONFLICT DO NOTHING,
 * on both engines): two organisers recording the same child at the same moment make one
 * record, and the second is told what the first recorded.
 */

export type Existing = { status: string; arrivedAt: Date | null; leftAt: Date | null; collectedByName: string | null }
export type RecordResult = { ok: true; name: string; collectedByName?: string } | { ok: false; error: MessageKey; existing?: Existing }

export const bookingForRegister = {
  id: true,
  sessionId: true,
  session: { select: sessionWhenSelect },
  child: { select: { id: true, name: true } },
  attendeeUser: { select: { name: true } },
  booker: { select: { id: true, name: true, email: true, locale: true } },
} as const

/** A confirmed booking of this session (an id from another session is not found). */
const findConfirmed = (tx: Tx, input: { sessionId: string; bookingId: string }) =>
  tx.booking.findFirst({ where: { id: input.bookingId, sessionId: input.sessionId, status: 'confirmed' }, select: bookingForRegister })

const nameOf = (b: { child: { name: string } | null; attendeeUser: { name: string } | null; booker: { name: string } }) =>
  b.child?.name ?? b.attendeeUser?.name ?? b.booker.name

function existingRecord(tx: Tx, bookingId: string, day: string) {
  return tx.attendance.findUnique({
    where: { bookingId_day: { bookingId, day } },
    select: { status: true, arrivedAt: true, leftAt: true, collectedByName: true },
  })
}

type DayRow = {
  bookingId: string
  day: string
  status: string
  arrivedAt?: Date | null
  recordedById?: string | null
  excuseReason?: string | null
}

/** Insert the day's row unless there is one; true when this call made it. */
export async function insertDayOnce(tx: Tx, row: DayRow, now: Date) {
  return (await insertDaysOnce(tx, [{ ...row, at: now }])).size === 1
}

/**
 * The one way a day's row is made: rows inserted unless their booking already has one that day
 * (ON CONFLICT DO NOTHING, on both engines, a few hundred to a statement); the `${bookingId} ${day}`
 * of those this call made. `at` stamps the row.
 */
export async function insertDaysOnce(tx: Tx, rows: (DayRow & { at: Date })[]) {
  const made = new Set<string>()
  for (let i = 0; i < rows.length; i += 300) {
    const inserted = await queries(tx)
      .insertInto('Attendance')
      .values(
        rows.slice(i, i + 300).map((row) => ({
          ...newUpdatedRow(row.at),
          bookingId: row.bookingId,
          day: row.day,
          status: row.status,
          arrivedAt: row.arrivedAt ?? null,
          recordedById: row.recordedById ?? null,
          excuseReason: row.excuseReason ?? null,
        })),
      )
      .onConflict((oc) => oc.columns(['bookingId', 'day']).doNothing())
      .returning(['bookingId', 'day'])
      .execute()
    for (const row of inserted) made.add(`${row.bookingId} ${row.day}`)
  }
  return made
}

/**
 * Arrival on `day` (today by default). Only on a day the session meets, unless the organiser
 * overrides (audited). A day reported absent or marked absent becomes present: she came after all.
 */
export function recordArrival(input: {
  sessionId: string
  bookingId: string
  actorId: string
  now?: Date
  day?: string
  override?: boolean
}) {
  const now = input.now ?? new Date()
  return write(async (tx): Promise<RecordResult> => {
    const booking = await findConfirmed(tx, input)
    if (!booking) return { ok: false, error: 'booking.notActive' }
    return arriveIn(tx, booking, { ...input, now })
  })
}

/**
 * What a rule writes besides the day's row — its audit entry, the guardian's mail — written at
 * once, or (given `effects`) gathered for a caller that writes a whole batch's in one statement each.
 */
export type Effects = { audit: AuditEntry[]; mail: QueuedMail[] }
const audit = (tx: Tx, effects: Effects | undefined, entry: AuditEntry) => (effects ? effects.audit.push(entry) : writeAudit(tx, entry))
const mail = (tx: Tx, effects: Effects | undefined, message: QueuedMail) =>
  effects ? effects.mail.push(message) : enqueueMail(tx, message)

/** A confirmed booking as the register reads it (load with `bookingForRegister`). */
export type RegisterBooking = NonNullable<Awaited<ReturnType<typeof findConfirmed>>>

type Arrival = { booking: RegisterBooking; actorId: string; now: Date; day?: string; override?: boolean; effects?: Effects }

/** The arrival rule inside a caller's transaction: the online register and the door's sync both come here. */
export async function arriveIn(tx: Tx, booking: RegisterBooking, input: Omit<Arrival, 'booking'>): Promise<RecordResult> {
  return (await arriveAllIn(tx, [{ booking, ...input }]))[0]
}

/**
 * The arrival rule for many bookings at once (the door's sync sends hundreds): one insert for
 * all the days' rows, then one by one only where a row was there already — a day reported or
 * marked absent becomes present, anything else is refused with what is recorded.
 */
export async function arriveAllIn(tx: Tx, arrivals: Arrival[]): Promise<RecordResult[]> {
  const results: RecordResult[] = []
  const asked: { index: number; day: string; meets: boolean; first: boolean }[] = []
  const keys = new Set<string>()
  arrivals.forEach((a, index) => {
    const day = a.day ?? meetingDayAt(a.booking.session, a.now)
    // a day still ahead cannot have an arrival (a tap on the wrong day's register)
    if (day > shanghaiDay(a.now)) return (results[index] = { ok: false, error: 'attendance.futureDay' })
    const meets = meetingDays(a.booking.session).includes(day)
    if (!meets && !a.override) return (results[index] = { ok: false, error: 'errors.notSessionDay' })
    const key = `${a.booking.id} ${day}`
    asked.push({ index, day, meets, first: !keys.has(key) })
    keys.add(key)
  })
  const made = await insertDaysOnce(
    tx,
    asked
      .filter((q) => q.first)
      .map(({ index, day }) => {
        const a = arrivals[index]
        return { bookingId: a.booking.id, day, status: 'present', arrivedAt: a.now, recordedById: a.actorId, at: a.now }
      }),
  )
  for (const { index, day, meets, first } of asked) {
    const { booking, actorId, now, effects } = arrivals[index]
    if (!first || !made.has(`${booking.id} ${day}`)) {
      const turnedUp = await tx.attendance.updateMany({
        where: { bookingId: booking.id, day, status: { in: ['absent', 'excused'] } },
        data: { status: 'present', arrivedAt: now, recordedById: actorId },
      })
      if (turnedUp.count === 0) {
        const existing = (await existingRecord(tx, booking.id, day))!
        results[index] = {
          ok: false,
          error: existing.status === 'left' ? 'attendance.alreadyCollected' : 'attendance.alreadyArrived',
          existing,
        }
        continue
      }
    }
    await audit(tx, effects, {
      actorId,
      action: 'attendance.arrived',
      entity: 'Booking',
      entityId: booking.id,
      data: { day, ...(meets ? {} : { override: true, sessionDay: false }) },
    })
    results[index] = { ok: true, name: nameOf(booking) }
  }
  return results
}

/** Take back an arrival recorded by mistake (not once the child has been collected). */
export function undoArrival(input: { sessionId: string; bookingId: string; actorId: string; day: string }) {
  return write(async (tx) => {
    const { count } = await tx.attendance.deleteMany({
      where: { bookingId: input.bookingId, day: input.day, status: 'present', booking: { sessionId: input.sessionId } },
    })
    if (count) {
      await writeAudit(tx, {
        actorId: input.actorId,
        action: 'attendance.arrival-undone',
        entity: 'Booking',
        entityId: input.bookingId,
        data: { day: input.day },
      })
    }
    return count === 1
  })
}

/** Who collects: the guardian, someone on the guardian's list, or — after phoning the guardian — someone else. */
export type Collector = { kind: 'guardian' } | { kind: 'listed'; pickupPersonId: string } | { kind: 'other'; name: string; reason: string }

/**
 * A child collected on `day`: only after arriving, only once, and only by the guardian or a
 * person on the guardian's list — anyone else needs the organiser's reason (audited, shown on
 * the record). The guardian is mailed who collected the child and when.
 */
export function recordPickup(input: {
  sessionId: string
  bookingId: string
  actorId: string
  collector: Collector
  now?: Date
  day?: string
}) {
  const now = input.now ?? new Date()
  return write(async (tx): Promise<RecordResult> => {
    const booking = await findConfirmed(tx, input)
    if (!booking) return { ok: false, error: 'booking.notActive' }
    return collectIn(tx, booking, { ...input, now })
  })
}

/** The pick-up rule inside a caller's transaction (the online register and the door's sync). */
export async function collectIn(
  tx: Tx,
  booking: RegisterBooking,
  input: { actorId: string; collector: Collector; now: Date; day?: string; effects?: Effects },
): Promise<RecordResult> {
  const { now } = input
  const day = input.day ?? meetingDayAt(booking.session, now)
  if (!booking.child) return { ok: false, error: 'attendance.notAChild' }
  let collectedById: string | null = null
  let collectedByName: string
  let overrideReason: string | null = null
  if (input.collector.kind === 'guardian') {
    collectedByName = booking.booker.name
  } else if (input.collector.kind === 'listed') {
    const person = await tx.pickupPerson.findFirst({
      where: { id: input.collector.pickupPersonId, childId: booking.child.id },
      select: { id: true, name: true, relation: true },
    })
    if (!person) return { ok: false, error: 'attendance.notOnList' }
    collectedById = person.id
    collectedByName = `${person.name} (${person.relation})`
  } else {
    collectedByName = input.collector.name
    overrideReason = input.collector.reason
  }
  const collected = await tx.attendance.updateMany({
    where: { bookingId: booking.id, day, status: 'present' },
    data: { status: 'left', leftAt: now, collectedById, collectedByName, overrideReason, recordedById: input.actorId },
  })
  if (collected.count === 0) {
    const existing = await existingRecord(tx, booking.id, day)
    if (!existing || existing.status !== 'left') return { ok: false, error: 'attendance.notArrived', existing: existing ?? undefined }
    return { ok: false, error: 'attendance.alreadyCollected', existing }
  }
  await audit(tx, input.effects, {
    actorId: input.actorId,
    action: overrideReason ? 'attendance.collected-override' : 'attendance.collected',
    entity: 'Booking',
    entityId: booking.id,
    data: { day, ...(overrideReason ? { override: true, reason: overrideReason } : {}) },
  })
  await mail(tx, input.effects, {
    kind: 'child-collected',
    toEmail: booking.booker.email,
    userId: booking.booker.id,
    locale: booking.booker.locale,
    bookingId: booking.id,
    payload: { collected: { by: collectedByName, at: now.toISOString() } },
  })
  return { ok: true, name: nameOf(booking), collectedByName }
}
