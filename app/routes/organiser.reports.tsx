import type { LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData, type MetaFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { BarChart, ColumnChart } from '~/components/reports/charts'
import { localized, PROGRAMME_KINDS } from '~/models/programme/constants'
import { buildReport } from '~/models/reports/report.server'
import { reportTables, summarySentences, type Cell, type ReportTable } from '~/models/reports/tables'
import { pageMeta } from '~/utils/meta'
import { shanghaiDay } from '~/utils/time'
import { reportRequest } from '~/web/report-query.server'

export const meta: MetaFunction = () =>
  pageMeta('统计报表 Reports', '服务人数、未满足的需求、出勤和反馈。Who was served, unmet demand, attendance and feedback.')

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, query, departments, scopeName, lang, t } = await reportRequest(request)
  const report = await buildReport(query)
  const search = new URL(request.url).search
  return {
    query,
    isAdmin: user.role === 'admin',
    departments,
    summary: summarySentences(report, scopeName, lang, t),
    tables: reportTables(report, lang, t),
    charts: {
      fill: report.programmes.map((p) => ({
        label: localized(p, 'title', lang),
        values: [p.places, p.confirmed],
      })),
      demand: report.programmes.map((p) => ({
        label: localized(p, 'title', lang),
        values: [p.places, p.confirmed + p.unmet],
      })),
      weeks: report.weeks.map((w) => ({ label: w.week, value: w.bookings })),
    },
    search,
  }
}

export default function Reports() {
  const { t } = useTranslation()
  const { query, isAdmin, departments, summary, tables, charts, search } = useLoaderData<typeof loader>()
  const table = (id: string) => tables.find((x) => x.id === id)
  return (
    <section>
      <p>
        <Link to="/organiser">← {t('organiser.dashboard')}</Link>
      </p>
      <h1>{t('reports.title')}</h1>
      <Form method="get" className="panel grid-2">
        <div className="field">
          <label htmlFor="from">{t('reports.from')}</label>
          <input id="from" name="from" type="month" defaultValue={query.from} required />
        </div>
        <div className="field">
          <label htmlFor="to">{t('reports.to')}</label>
          <input id="to" name="to" type="month" defaultValue={query.to} required />
        </div>
        <div className="field">
          <label htmlFor="kind">{t('reports.kind')}</label>
          <select id="kind" name="kind" defaultValue={query.kind ?? ''}>
            <option value="">{t('kinds.all')}</option>
            {PROGRAMME_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        {isAdmin ? (
          <div className="field">
            <label htmlFor="department">{t('reports.department')}</label>
            <select id="department" name="department" defaultValue={query.departmentId ?? ''}>
              <option value="">{t('reports.federation')}</option>
              {departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {t('reports.departmentName', { zh: d.nameZh, en: d.nameEn })}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <button type="submit" className="primary">
          {t('reports.show')}
        </button>
      </Form>
      <p>
        <a href={`/organiser/reports.xlsx${search}`} download>
          {t('reports.downloadXlsx')}
        </a>
        {' · '}
        <a href={`/organiser/reports.csv${search ? `${search}&` : '?'}table=programmes`} download>
          {t('reports.downloadCsv')}
        </a>
      </p>

      <h2>{t('reports.summary')}</h2>
      <blockquote className="panel report-summary">
        <p>{summary.join('')}</p>
      </blockquote>

      <details>
        <summary>{t('reports.rulesTitle')}</summary>
        <ul>
          {(['period', 'served', 'unmet', 'attendance'] as const).map((rule) => (
            <li key={rule}>{t(`reports.rules.${rule}`)}</li>
          ))}
        </ul>
      </details>

      <ReportTableView table={table('totals')} />
      <ReportTableView table={table('kinds')} />

      <h2>{t('reports.charts.fill')}</h2>
      <BarChart
        label={t('reports.charts.fill')}
        series={[t('reports.columns.places'), t('reports.columns.confirmed')]}
        rows={charts.fill}
      />
      <h2>{t('reports.charts.demand')}</h2>
      <BarChart
        label={t('reports.charts.demand')}
        series={[t('reports.columns.places'), t('reports.charts.demandSeries')]}
        rows={charts.demand}
      />
      <ReportTableView table={table('programmes')} />
      <h2>{t('reports.charts.weeks')}</h2>
      <ColumnChart label={t('reports.charts.weeks')} points={charts.weeks} />
      <ReportTableView table={table('weeks')} />
      <ReportTableView table={table('departments')} />
      <ReportTableView table={table('ages')} />
      <ReportTableView table={table('genders')} />
      <ReportTableView table={table('units')} />
    </section>
  )
}

/** One of the report's tables (the same rows as the workbook's sheet), scrolling sideways on a phone. */
function ReportTableView({ table }: { table: ReportTable | undefined }) {
  const { t } = useTranslation()
  if (!table) return null
  return (
    <>
      <h2>{table.title}</h2>
      {table.rows.length === 0 ? (
        <p className="muted">{t('reports.empty')}</p>
      ) : (
        // a region that scrolls sideways must be reachable by keyboard (axe: scrollable-region-focusable)
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        <div className="table-scroll" role="region" aria-label={table.title} tabIndex={0}>
          <table>
            <thead>
              <tr>
                {table.columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, i) => (
                <tr key={i}>
                  {row.map((cell, j) => (
                    <td key={j}>{show(cell)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}

// a date cell (a Date for the xlsx; on the server a Date, in the browser its ISO text): its day in
// Shanghai, the same on both sides (the page hydrates only if they agree)
const show = (cell: Cell | string) =>
  cell === null ? '—' : cell instanceof Date || /^\d{4}-\d\d-\d\dT/.test(String(cell)) ? shanghaiDay(new Date(cell)) : String(cell)

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
