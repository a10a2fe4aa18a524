import type { LoaderFunctionArgs } from '@remix-run/node'
import { reportWorkbook } from '~/models/reports/export.server'
import { buildReport } from '~/models/reports/report.server'
import { reportTables, summarySentences } from '~/models/reports/tables'
import { download } from '~/utils/request.server'
import { reportRequest } from '~/web/report-query.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const { query, scopeName, lang, t } = await reportRequest(request)
  const report = await buildReport(query)
  const workbook = await reportWorkbook(reportTables(report, lang, t), {
    title: t('reports.summary'),
    sentences: summarySentences(report, scopeName, lang, t),
  })
  return download(
    workbook,
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    `carnation-report-${query.from}-${query.to}.xlsx`,
  )
}
