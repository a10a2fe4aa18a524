import type { LoaderFunctionArgs } from '@remix-run/node'
import { collectMyData, recordExport } from '~/models/privacy/my-data.server'
import { requireUser } from '~/web/auth.server'
import { download } from '~/utils/request.server'

// PIPL: a copy of everything held about the member and their children, as JSON.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const body = JSON.stringify(await collectMyData(user.id), null, 2)
  await recordExport(user.id, 'json')
  return download(body, 'application/json; charset=utf-8', 'carnation-my-data.json')
}
