import type { SignedInUser } from '~/models/user/login.server'
import { db } from '~/utils/db.server'

/**
 * Which programmes a staff member may see and change: their own department's, or all for an
 * admin. Every organiser query puts this in its where clause, so a programme of another
 * department is simply not found (404) rather than checked after loading.
 */
export function programmeScope(user: SignedInUser) {
  return user.role === 'admin' ? {} : { departmentId: user.departmentId ?? '__none__' }
}

export function findScopedProgramme(user: SignedInUser, programmeId: string) {
  return db.programme.findFirst({ where: { id: programmeId, ...programmeScope(user) } })
}

export function findScopedSession(user: SignedInUser, sessionId: string) {
  return db.session.findFirst({
    where: { id: sessionId, programme: programmeScope(user) },
    include: { programme: true, quotas: true },
  })
}
