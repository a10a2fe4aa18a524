import { localized } from '~/models/programme/constants'
import type { Report } from './report.server'

type T = (key: string, params?: Record<string, unknown>) => string
export type Cell = string | number | Date | null
/** One table of the report: the page shows it, the workbook has it as a sheet, the CSV writes it. */
export type ReportTable = { id: TableId; title: string; columns: string[]; rows: Cell[][] }
export const TABLE_IDS = ['totals', 'kinds', 'programmes', 'departments', 'weeks', 'ages', 'genders', 'units'] as const
export type TableId = (typeof TABLE_IDS)[number]

/** The period in words: a year, a month, or a range of months. */
export function periodLabel(query: { from: string; to: string }, lang: string, t: T) {
  const [fy, fm] = query.from.split('-').map(Number)
  const [ty, tm] = query.to.split('-').map(Number)
  if (fy === ty && fm === 1 && tm === 12) return t('reports.period.year', { year: fy })
  if (query.from === query.to) return t('reports.period.month', { year: fy, month: fm })
  if (fy === ty) return t('reports.period.months', { year: fy, from: fm, to: tm })
  return t('reports.period.range', { fromYear: fy, from: fm, toYear: ty, to: tm })
}

/**
 * The paragraph for the newsletter, a sentence for the period and one per kind of programme, e.g.
 * "2027 年托管班共开设 4 期，服务职工子女 312 名（218 户），出勤率 94%；另有 86 人报名未获名额。"
 */
export function summarySentences(report: Report, scopeName: string, lang: string, t: T) {
  const period = periodLabel(report.query, lang, t)
  const { totals } = report
  if (totals.programmes === 0) return [t('reports.sentence.none', { period, scope: scopeName })]
  const sentences = [
    t('reports.sentence.intro', {
      period,
      scope: scopeName,
      programmes: totals.programmes,
      sessions: totals.sessions,
      people: totals.people,
      households: totals.households,
      unmet: totals.unmet,
    }),
  ]
  for (const kind of report.kinds) {
    const served = [
      kind.children > 0 ? t('reports.sentence.children', { children: kind.children, households: kind.households }) : null,
      kind.members > 0 ? t('reports.sentence.members', { members: kind.members }) : null,
    ].filter(Boolean)
    sentences.push(
      t('reports.sentence.kind', {
        kind: t(`kinds.${kind.kind}`),
        programmes: kind.programmes,
        sessions: kind.sessions,
        served: served.length ? served.join(t('reports.sentence.and')) : t('reports.sentence.nobody'),
        attendance: kind.attendanceRate === null ? '' : t('reports.sentence.attendance', { rate: Math.round(kind.attendanceRate) }),
        unmet: kind.unmet > 0 ? t('reports.sentence.unmet', { unmet: kind.unmet }) : '',
      }),
    )
  }
  return sentences
}

const FIGURES = [
  'sessions',
  'places',
  'placeDays',
  'confirmed',
  'fillRate',
  'people',
  'children',
  'members',
  'households',
  'unmet',
  'placesNeeded',
  'attendanceRate',
  'absentDays',
  'noShows',
] as const
type Figures = Record<(typeof FIGURES)[number], number | null>
// rates are percentages already (72.7 means 72.7 %)
const figureCells = (row: Figures) => FIGURES.map((f) => row[f])

/** Every table of the report, in the reader's language: one definition for the page, the workbook and the CSV. */
export function reportTables(report: Report, lang: string, t: T): ReportTable[] {
  const c = (key: string) => t(`reports.columns.${key}`)
  const figureColumns = FIGURES.map(c)
  const tables: ReportTable[] = [
    {
      id: 'totals',
      title: t('reports.tables.totals'),
      columns: [c('programmes'), ...figureColumns, c('feedbackAverage'), c('feedbackAnswers')],
      rows: [[report.totals.programmes, ...figureCells(report.totals), report.totals.feedbackAverage, report.totals.feedbackAnswers]],
    },
    {
      id: 'kinds',
      title: t('reports.tables.kinds'),
      columns: [c('kind'), c('programmes'), ...figureColumns],
      rows: report.kinds.map((k) => [t(`kinds.${k.kind}`), k.programmes, ...figureCells(k)]),
    },
    {
      id: 'programmes',
      title: t('reports.tables.programmes'),
      columns: [c('kind'), c('programme'), c('department'), ...figureColumns, c('feedbackAverage'), c('feedbackAnswers')],
      rows: report.programmes.map((p) => [
        t(`kinds.${p.kind}`),
        localized(p, 'title', lang),
        localized(p, 'name', lang),
        ...figureCells(p),
        p.feedbackAverage,
        p.feedbackAnswers,
      ]),
    },
  ]
  if (report.query.departmentId === null && report.departments.length > 0) {
    tables.push({
      id: 'departments',
      title: t('reports.tables.departments'),
      columns: [c('department'), c('programmes'), ...figureColumns],
      rows: report.departments.map((d) => [localized(d, 'name', lang), d.programmes, ...figureCells(d)]),
    })
  }
  tables.push(
    {
      id: 'weeks',
      title: t('reports.tables.weeks'),
      columns: [c('week'), c('confirmed')],
      rows: report.weeks.map((w) => [new Date(`${w.week}T00:00:00+08:00`), w.bookings]),
    },
    {
      id: 'ages',
      title: t('reports.tables.ages'),
      columns: [c('ageBand'), c('children')],
      rows: report.ageBands.map((a) => [t(`reports.ageBands.${a.band}`), a.children]),
    },
    {
      id: 'genders',
      title: t('reports.tables.genders'),
      columns: [c('programme'), c('gender'), c('members')],
      rows: report.programmes.flatMap((p) =>
        p.genders.map((g) => [localized(p, 'title', lang), g.gender === 'unknown' ? '—' : t(`gender.${g.gender}`), g.members]),
      ),
    },
    {
      id: 'units',
      title: t('reports.tables.units'),
      columns: [c('unit'), c('households')],
      rows: report.units.map((u) => [u.unit, u.households]),
    },
  )
  return tables
}
