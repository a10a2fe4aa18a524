import { insertRows, newRow, type Queryable, type Rows } from '~/utils/query.server'

export type AuditEntry = {
  actorId?: string | null
  action: string
  entity: string
  entityId: string
  data?: Record<string, unknown>
}

const auditRow = (entry: AuditEntry, now?: Date) => ({
  ...newRow(now),
  actorId: entry.actorId ?? null,
  action: entry.action,
  entity: entry.entity,
  entityId: entry.entityId,
  data: JSON.stringify(entry.data ?? {}),
})

/** The audit row, to insert (a caller may send it with others in one statement: insertBooking). */
export const auditRows = (entry: AuditEntry, now?: Date): Rows => ({ table: 'AuditLog', values: auditRow(entry, now) })

/** The audit row, in the caller's transaction (a Prisma transaction or the booking POST's): the one way it is written. */
export async function writeAudit(tx: Queryable, entry: AuditEntry, now?: Date) {
  await insertRows(tx, [auditRows(entry, now)])
}

/** Many entries in one statement (a batch use case gathers them: the door's sync). */
export async function writeAudits(tx: Queryable, entries: AuditEntry[], now?: Date) {
  for (let i = 0; i < entries.length; i += 500)
    await insertRows(tx, [{ table: 'AuditLog', values: entries.slice(i, i + 500).map((entry) => auditRow(entry, now)) }])
}
