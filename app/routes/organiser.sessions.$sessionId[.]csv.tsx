import type { LoaderFunctionArgs } from '@remix-run/node'
import { rosterCsv } from '~/models/organiser/export-roster.server'
import { findScopedSession } from '~/models/organiser/scope.server'
import { requireOrganiser } from '~/utils/auth.server'
import { getT } from '~/utils/i18n.server'
import { requireId } from '~/utils/request.server'
import { shanghaiDay } from '~/utils/time'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireOrganiser(request)
  const session = await findScopedSession(user, requireId(params.sessionId))
  if (!session) throw new Response('Not found', { status: 404 })
  const { lang, t } = await getT(request)
  const csv = await rosterCsv(session.id, lang, (key) => String(t(key)))
  const filename = `roster-${session.programme.slug}-${shanghaiDay(session.startsAt)}.csv`
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
    },
  })
}
