import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { doorList } from '~/models/organiser/door-list.server'
import { cuidId } from '~/utils/validation'
import { requireOrganiserForFetch } from '~/web/auth.server'

const sessionsSchema = z.array(cuidId).min(1).max(20)

// The day's list the door keeps on the phone (docs/decisions/0021-door-offline.md): JSON for the
// door page's script, never stored by the browser's cache.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireOrganiserForFetch(request)
  const sessions = sessionsSchema.safeParse(new URL(request.url).searchParams.getAll('session'))
  if (!sessions.success) return Response.json({ error: 'door.chooseSession' }, { status: 400 })
  const list = await doorList(user, [...new Set(sessions.data)])
  if (!list) return Response.json({ error: 'door.notYours' }, { status: 403 })
  return Response.json(list, { headers: { 'Cache-Control': 'no-store' } })
}
