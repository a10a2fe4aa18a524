import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { reportCsv } from '~/models/reports/export.server'
import { buildReport } from '~/models/reports/report.server'
import { reportTables, TABLE_IDS } from '~/models/reports/tables'
import { download, parseSearchParams } from '~/utils/request.server'
import { reportRequest } from '~/web/report-query.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const { table: id } = parseSearchParams(request, z.object({ table: z.enum(TABLE_IDS).default('programmes') }).passthrough())
  const { query, lang, t } = await reportRequest(request)
  const table = reportTables(await buildReport(query), lang, t).find((x) => x.id === id)
  if (!table) throw new Response('Not found', { status: 404 })
  return download(reportCsv(table), 'text/csv; charset=utf-8', `carnation-${id}-${query.from}-${query.to}.csv`)
}
