import { requireOrganiser, type SessionUser } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { requireId } from '~/utils/request.server'

/**
 * Which programmes a staff member may see and change: their own department's, or all for an
 * admin. Every organiser query puts this in its where clause, so a programme of another
 * department is simply not found (404) rather than checked after loading.
 */
export function programmeScope(user: SessionUser) {
  return user.role === 'admin' ? {} : { departmentId: user.departmentId ?? '__none__' }
}

export function findScopedProgramme(user: SessionUser, programmeId: string) {
  return db.programme.findFirst({ where: { id: programmeId, ...programmeScope(user) } })
}

export function findScopedSession(user: SessionUser, sessionId: string) {
  return db.session.findFirst({
    where: { id: sessionId, programme: programmeScope(user) },
    include: { programme: true, quotas: true },
  })
}

/** Route guard: an organiser (or admin) and a programme in their scope, else 403 / 404. */
export async function requireScopedProgramme(request: Request, programmeId: string | undefined) {
  const user = await requireOrganiser(request)
  const programme = await findScopedProgramme(user, requireId(programmeId))
  if (!programme) throw new Response('Not found', { status: 404 })
  return { user, programme }
}

/** Route guard: an organiser (or admin) and a session of a programme in their scope. */
export async function requireScopedSession(request: Request, sessionId: string | undefined) {
  const user = await requireOrganiser(request)
  const session = await findScopedSession(user, requireId(sessionId))
  if (!session) throw new Response('Not found', { status: 404 })
  return { user, session }
}
