import { STAFF_ROLES } from '~/models/user/roles'
import { writeAudit } from '~/models/audit/audit.server'
import { db, write } from '~/utils/db.server'

export function listStaff() {
  return Promise.all([
    db.department.findMany({
      orderBy: { slug: 'asc' },
      select: { id: true, slug: true, nameZh: true, nameEn: true, email: true, phone: true },
    }),
    db.user.findMany({
      where: { role: { in: [...STAFF_ROLES] } },
      orderBy: [{ role: 'asc' }, { name: 'asc' }],
      select: { id: true, name: true, email: true, role: true, departmentId: true },
    }),
  ]).then(([departments, staff]) => ({ departments, staff }))
}

export async function createDepartment(
  input: { slug: string; nameZh: string; nameEn: string; email: string; phone?: string },
  actorId: string,
) {
  return write(async (tx) => {
    const existing = await tx.department.findUnique({ where: { slug: input.slug }, select: { id: true } })
    if (existing) return { ok: false, error: 'errors.slugTaken' } as const
    const department = await tx.department.create({ data: { ...input, phone: input.phone ?? null }, select: { id: true } })
    await writeAudit(tx, { actorId, action: 'department.created', entity: 'Department', entityId: department.id })
    return { ok: true } as const
  })
}

/** Make an existing account an organiser of a department (they sign up first, as a member). */
export async function assignOrganiser(email: string, departmentId: string, actorId: string) {
  return write(async (tx) => {
    const department = await tx.department.findUnique({ where: { id: departmentId }, select: { id: true } })
    if (!department) return { ok: false, error: 'errors.invalid' } as const
    const { count } = await tx.user.updateMany({
      where: { email: email.toLowerCase(), role: { not: 'admin' } },
      data: { role: 'organiser', departmentId },
    })
    if (count === 0) return { ok: false, error: 'admin.noSuchAccount' } as const
    await writeAudit(tx, { actorId, action: 'organiser.assigned', entity: 'Department', entityId: departmentId, data: { email } })
    return { ok: true } as const
  })
}

/** An organiser goes back to being a member; their logins are revoked so the change bites at once. */
export async function removeOrganiser(userId: string, actorId: string) {
  return write(async (tx) => {
    const { count } = await tx.user.updateMany({ where: { id: userId, role: 'organiser' }, data: { role: 'member', departmentId: null } })
    if (count === 0) return false
    await tx.authSession.deleteMany({ where: { userId } })
    await writeAudit(tx, { actorId, action: 'organiser.removed', entity: 'User', entityId: userId })
    return true
  })
}
