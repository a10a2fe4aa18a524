import type { LoaderFunctionArgs } from '@remix-run/node'
import { collectMyData, recordExport } from '~/models/privacy/my-data.server'
import { requireUser } from '~/web/auth.server'

// PIPL: a copy of everything held about the member and their children, as JSON.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const body = JSON.stringify(await collectMyData(user.id), null, 2)
  await recordExport(user.id, 'json')
  return new Response(body, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': 'attachment; filename="carnation-my-data.json"',
      'Cache-Control': 'no-store',
    },
  })
}
