import type { Tx } from '~/utils/db.server'
import { newId, type SqlTx } from '~/utils/sql.server'

export type AuditEntry = {
  actorId?: string | null
  action: string
  entity: string
  entityId: string
  data?: Record<string, unknown>
}

export function writeAudit(tx: Tx, entry: AuditEntry) {
  return tx.auditLog.create({
    data: { ...entry, actorId: entry.actorId ?? null, data: JSON.stringify(entry.data ?? {}) },
  })
}

/** Many entries in one statement (a batch use case gathers them: the door's sync). */
export function writeAudits(tx: Tx, entries: AuditEntry[]) {
  return tx.auditLog.createMany({
    data: entries.map((entry) => ({ ...entry, actorId: entry.actorId ?? null, data: JSON.stringify(entry.data ?? {}) })),
  })
}

/** The same entry, written by the hand-written hot path (app/utils/sql.server.ts). */
export function writeAuditSql(tx: SqlTx, entry: AuditEntry, now: Date) {
  return tx.run(
    'INSERT INTO "AuditLog" ("id", "actorId", "action", "entity", "entityId", "data", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?)',
    [newId(), entry.actorId ?? null, entry.action, entry.entity, entry.entityId, JSON.stringify(entry.data ?? {}), now],
  )
}
