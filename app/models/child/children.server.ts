import { writeAudit } from '~/models/audit/audit.server'
import { changedLockedFact, lockedFacts } from '~/models/booking/locked-facts.server'
import type { ChildInput } from '~/models/user/schemas'
import { childConsents, recordConsent } from '~/models/consent/consent.server'
import { db, type Tx, write } from '~/utils/db.server'
import { reader } from '~/utils/query.server'
import { decryptField, encryptField } from '~/utils/field-crypto.server'
import { refuse } from '~/models/result'

// Ownership lives in every where clause: another guardian's child is simply not found.

// Health notes are stored encrypted (app/utils/field-crypto.server.ts): written through
// encryptField, read through decryptField, nowhere else.
export async function listChildren(guardianId: string) {
  // on every page a parent books from: one statement on the query layer
  const children = await reader
    .selectFrom('Child')
    .select(['id', 'name', 'birthDate', 'gender', 'notes'])
    .where('guardianId', '=', guardianId)
    .where('erasedAt', 'is', null)
    .orderBy('birthDate')
    .orderBy('id')
    .execute()
  return children.map((c) => ({ ...c, notes: decryptField(c.notes) }))
}

export async function getChild(guardianId: string, childId: string) {
  const child = await db.child.findFirst({
    where: { id: childId, guardianId, erasedAt: null },
    select: { id: true, name: true, birthDate: true, gender: true, notes: true },
  })
  return child ? { ...child, notes: decryptField(child.notes) } : null
}

type ConsentField = 'consentChild' | 'consentHealth'

/** The consent a save still needs: the guardian's for the child, and for notes, the health one. */
function missingConsent(input: ChildInput, onRecord: { childData: boolean; healthNotes: boolean }): ConsentField | null {
  if (!onRecord.childData && !input.consentChild) return 'consentChild'
  if (input.notes && !onRecord.healthNotes && !input.consentHealth) return 'consentHealth'
  return null
}

async function recordGivenConsents(
  tx: Tx,
  guardianId: string,
  childId: string,
  input: ChildInput,
  onRecord: { childData: boolean; healthNotes: boolean },
) {
  if (!onRecord.childData) await recordConsent(tx, { userId: guardianId, childId, kind: 'child-data' })
  if (input.notes && !onRecord.healthNotes) await recordConsent(tx, { userId: guardianId, childId, kind: 'health-notes' })
}

export async function addChild(guardianId: string, input: ChildInput) {
  const none = { childData: false, healthNotes: false }
  const missing = missingConsent(input, none)
  if (missing) return refuse('privacy.consentNeeded', { field: missing })
  return write(async (tx) => {
    const child = await tx.child.create({
      data: { guardianId, name: input.name, birthDate: input.birthDate, gender: input.gender, notes: encryptField(input.notes) },
      select: { id: true },
    })
    await recordGivenConsents(tx, guardianId, child.id, input, none)
    await writeAudit(tx, { actorId: guardianId, action: 'child.added', entity: 'Child', entityId: child.id })
    return { ok: true, child } as const
  })
}

/** For the form: which separate consents this child still needs. */
export function consentsOnRecord(guardianId: string, childId: string) {
  return write(async (tx) =>
    (await tx.child.count({ where: { id: childId, guardianId, erasedAt: null } })) ? childConsents(tx, childId) : null,
  )
}

/** Save a child's details (ownership first), unless that changes a fact a booking was granted on. */
export async function updateChild(guardianId: string, childId: string, input: ChildInput) {
  return write(async (tx) => {
    const before = await tx.child.findFirst({
      where: { id: childId, guardianId, erasedAt: null },
      select: { gender: true, birthDate: true },
    })
    if (!before) return refuse('errors.notFound')
    const locked = changedLockedFact(await lockedFacts(tx, { childId }), before, input)
    if (locked) return refuse('errors.factLocked', { field: locked })
    const onRecord = await childConsents(tx, childId)
    const missing = missingConsent(input, onRecord)
    if (missing) return refuse('privacy.consentNeeded', { field: missing })
    await recordGivenConsents(tx, guardianId, childId, input, onRecord)
    await tx.child.updateMany({
      where: { id: childId, guardianId },
      data: { name: input.name, birthDate: input.birthDate, gender: input.gender, notes: encryptField(input.notes) },
    })
    await writeAudit(tx, { actorId: guardianId, action: 'child.updated', entity: 'Child', entityId: childId })
    return { ok: true } as const
  })
}
