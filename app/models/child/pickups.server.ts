import { z } from 'zod'
import { writeAudit } from '~/models/audit/audit.server'
import { db, write } from '~/utils/db.server'
import { phone, requiredText } from '~/utils/validation'

/**
 * The people a guardian allows to collect a child (besides the guardian): the child's data,
 * under the guardian's consent for the child's information, in a copy of the guardian's data,
 * erased with the child (app/models/privacy). Ownership is in every where clause.
 */
export const MAX_PICKUP_PEOPLE = 10

export const pickupPersonSchema = z.object({
  intent: z.literal('add-pickup'),
  name: requiredText(50),
  relation: requiredText(20),
  phone,
})
export type PickupPersonInput = z.infer<typeof pickupPersonSchema>

export function listPickupPeople(guardianId: string, childId: string) {
  return db.pickupPerson.findMany({
    where: { childId, child: { guardianId, erasedAt: null } },
    orderBy: { createdAt: 'asc' },
    select: { id: true, name: true, relation: true, phone: true },
  })
}

export function addPickupPerson(guardianId: string, childId: string, input: PickupPersonInput) {
  return write(async (tx) => {
    const child = await tx.child.findFirst({
      where: { id: childId, guardianId, erasedAt: null },
      select: { id: true, _count: { select: { pickups: true } } },
    })
    if (!child) return { ok: false, error: 'errors.notFound' } as const
    if (child._count.pickups >= MAX_PICKUP_PEOPLE) return { ok: false, error: 'attendance.pickupTooMany' } as const
    const person = await tx.pickupPerson.create({
      data: { childId, name: input.name, relation: input.relation, phone: input.phone },
      select: { id: true },
    })
    await writeAudit(tx, {
      actorId: guardianId,
      action: 'child.pickup-added',
      entity: 'Child',
      entityId: childId,
      data: { pickupPersonId: person.id },
    })
    return { ok: true } as const
  })
}

export function removePickupPerson(guardianId: string, childId: string, pickupPersonId: string) {
  return write(async (tx) => {
    const { count } = await tx.pickupPerson.deleteMany({ where: { id: pickupPersonId, childId, child: { guardianId } } })
    if (count) await writeAudit(tx, { actorId: guardianId, action: 'child.pickup-removed', entity: 'Child', entityId: childId })
    return count === 1
  })
}
