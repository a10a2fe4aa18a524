import type { LoaderFunctionArgs } from '@remix-run/node'
import { lotteryCsv } from '~/models/lottery/results.server'
import { getT } from '~/utils/i18n.server'
import { download } from '~/utils/request.server'
import { requireScopedProgramme } from '~/web/scope.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme, user } = await requireScopedProgramme(request, params.programmeId)
  const { t } = await getT(request)
  const csv = await lotteryCsv(programme.id, (key, options) => String(t(key, options)), user.id)
  return download(csv, 'text/csv; charset=utf-8', `lottery-${programme.slug}.csv`)
}
