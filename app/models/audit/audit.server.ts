import type { Db, Tx } from '~/utils/db.server'

export type AuditEntry = {
  actorId?: string | null
  action: string
  entity: string
  entityId: string
  data?: Record<string, unknown>
}

export function writeAudit(client: Db | Tx, entry: AuditEntry) {
  return client.auditLog.create({
    data: { ...entry, actorId: entry.actorId ?? null, data: JSON.stringify(entry.data ?? {}) },
  })
}
