import type { LoaderFunctionArgs } from '@remix-run/node'
import { rosterCsv } from '~/models/organiser/export-roster.server'
import { requireScopedSession } from '~/web/scope.server'
import { getT } from '~/utils/i18n.server'
import { shanghaiDay } from '~/utils/time'
import { z } from 'zod'
import { download, parseSearchParams } from '~/utils/request.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, user } = await requireScopedSession(request, params.sessionId)
  const { lang, t } = await getT(request)
  const { notes } = parseSearchParams(request, z.object({ notes: z.enum(['1']).optional() }))
  const csv = await rosterCsv(session.id, lang, (key) => String(t(key)), { withNotes: notes === '1', actorId: user.id })
  const filename = `roster-${session.programme.slug}-${shanghaiDay(session.startsAt)}.csv`
  return download(csv, 'text/csv; charset=utf-8', filename)
}
