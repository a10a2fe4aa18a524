import type { LoaderFunctionArgs } from '@remix-run/node'
import { collectMyData, myDataZip, recordExport } from '~/models/privacy/my-data.server'
import { requireUser } from '~/web/auth.server'
import { download } from '~/utils/request.server'

// PIPL: the same copy as the JSON, as CSV files in a zip (opens in Excel).
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const zip = myDataZip(await collectMyData(user.id))
  await recordExport(user.id, 'csv')
  return download(zip, 'application/zip', 'carnation-my-data.zip')
}
