import { z } from 'zod'
import { listDepartments } from '~/models/organiser/departments.server'
import { PROGRAMME_KINDS } from '~/models/programme/constants'
import type { ReportQuery } from '~/models/reports/report.server'
import { getT } from '~/utils/i18n.server'
import { parseSearchParams } from '~/utils/request.server'
import { shanghaiDay } from '~/utils/time'
import { requireOrganiser } from './auth.server'

const month = z.string().regex(/^20\d\d-(0[1-9]|1[0-2])$/)
const querySchema = z
  .object({
    from: month.optional(),
    to: month.optional(),
    kind: z.enum(PROGRAMME_KINDS).or(z.literal('')).optional(),
    department: z.string().max(40).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to)

/**
 * The report's query from the URL (zod-checked; a bad one is a 400) and the reader's scope: an
 * organiser always gets their own department, whatever the URL says; an admin the federation or
 * the department they pick. The period defaults to this year (Shanghai).
 */
export async function reportRequest(request: Request) {
  const user = await requireOrganiser(request)
  const raw = parseSearchParams(request, querySchema)
  const year = shanghaiDay(new Date()).slice(0, 4)
  const from = raw.from ?? `${year}-01`
  const to = raw.to ?? (raw.from && raw.from > `${year}-12` ? raw.from : `${year}-12`)
  if (from > to) throw new Response('Invalid period / 时间段无效', { status: 400 })
  const isAdmin = user.role === 'admin'
  const all = await listDepartments()
  // an admin's pick (none: the federation); an organiser's own, whatever the URL says
  const shown = all.find((d) => d.id === (isAdmin ? raw.department : user.departmentId)) ?? null
  // an organiser without a department sees nothing rather than everything
  const departmentId = isAdmin ? (shown?.id ?? null) : (user.departmentId ?? 'none')
  const query: ReportQuery = { from, to, kind: raw.kind || null, departmentId }
  const { lang, t } = await getT(request)
  const scopeName = shown ? (lang === 'en' ? shown.nameEn : shown.nameZh) : String(t('reports.federation'))
  return {
    user,
    query,
    departments: isAdmin ? all : [],
    scopeName,
    lang,
    t: (key: string, params?: Record<string, unknown>) => String(t(key, params)),
  }
}
