import { findScopedProgramme, findScopedSession } from '~/models/organiser/scope.server'
import { requireId } from '~/utils/request.server'
import { requireOrganiser } from './auth.server'

// Route guards over the scope rule (app/models/organiser/scope.server.ts): 403 for a member,
// 404 for a programme or session outside the staff member's department.

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
