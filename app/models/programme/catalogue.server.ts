import type { Prisma } from '../../../generated/prisma/client'
import { db } from '~/utils/db.server'
import { asCount, reader } from '~/utils/query.server'
import { parseSearchParams } from '~/utils/request.server'
import { catalogueQuerySchema } from './schemas'
import { shanghaiMonth, shanghaiTime } from '~/utils/time'
import { bookingWindowState, openingState, type ProgrammeKind, type WindowState } from './constants'
import { sessionWhenWhereSelect } from './selects'

export type CatalogueFilter = { kind?: ProgrammeKind; month?: string; q?: string; page?: number }

/** Cards per catalogue page: a phone scrolls through them in a few swipes. */
export const PAGE_SIZE = 12

const sessionSelect = {
  ...sessionWhenWhereSelect,
  capacity: true,
  seatsTaken: true,
} as const

export type SessionAvailability = 'available' | 'full'

export function seatsLeft(session: { capacity: number; seatsTaken: number }) {
  return Math.max(0, session.capacity - session.seatsTaken)
}

/**
 * One page of published programmes with their upcoming sessions, and how many match in all:
 * three queries whatever the table sizes (count, the page, its sessions).
 */
export async function listCatalogue(filter: CatalogueFilter, now = new Date()) {
  const monthRange = filter.month
    ? {
        gte: shanghaiTime(`${filter.month}-01`),
        lt: shanghaiTime(nextMonth(filter.month) + '-01'),
      }
    : undefined
  const upcoming = { status: 'scheduled', endsAt: { gt: now } }
  const where: Prisma.ProgrammeWhereInput = {
    status: 'published',
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.q
      ? {
          OR: [
            { titleZh: { contains: filter.q } },
            { titleEn: { contains: filter.q } },
            { summaryZh: { contains: filter.q } },
            { summaryEn: { contains: filter.q } },
          ],
        }
      : {}),
    sessions: { some: { ...upcoming, ...(monthRange ? { startsAt: monthRange } : {}) } },
  }
  const total = await db.programme.count({ where })
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE))
  // a page past the end shows the last one (a link kept from yesterday still lands somewhere)
  const page = Math.min(filter.page ?? 1, pages)
  const programmes = await db.programme.findMany({
    where,
    orderBy: [{ bookingOpensAt: 'asc' }, { id: 'asc' }],
    skip: (page - 1) * PAGE_SIZE,
    take: PAGE_SIZE,
    select: {
      id: true,
      slug: true,
      kind: true,
      titleZh: true,
      titleEn: true,
      summaryZh: true,
      summaryEn: true,
      audience: true,
      minAge: true,
      maxAge: true,
      membersOnly: true,
      bookingOpensAt: true,
      bookingClosesAt: true,
      allocation: true,
      drawAt: true,
      lottery: { select: { drawnAt: true } },
      sessions: { where: upcoming, orderBy: { startsAt: 'asc' }, select: sessionSelect },
    },
  })
  const entries = programmes.map(({ sessions, lottery, ...programme }) => {
    const left = sessions.reduce((sum, s) => sum + seatsLeft(s), 0)
    const window: WindowState = bookingWindowState({ ...programme, lotteryDrawnAt: lottery?.drawnAt ?? null }, now)
    return {
      ...programme,
      nextSession: sessions[0] ?? null,
      sessionCount: sessions.length,
      seatsLeft: left,
      window,
      availability: (left > 0 ? 'available' : 'full') as SessionAvailability,
    }
  })
  return { entries, total, page, pages }
}

export type CatalogueEntry = Awaited<ReturnType<typeof listCatalogue>>['entries'][number]

export async function getPublishedProgramme(slug: string, now = new Date()) {
  // the page a thousand parents reload before the window opens: three statements on the query
  // layer (Prisma's client costs about a millisecond of CPU a statement, and its include would be five)
  const row = await reader
    .selectFrom('Programme as p')
    .innerJoin('Department as d', 'd.id', 'p.departmentId')
    .leftJoin('Lottery as l', 'l.programmeId', 'p.id')
    .selectAll('p')
    .select(['d.nameZh as departmentNameZh', 'd.nameEn as departmentNameEn', 'd.phone as departmentPhone'])
    .select(['l.frozenAt as lotteryFrozenAt', 'l.drawnAt as lotteryDrawnAt', 'l.id as lotteryId'])
    .where('p.slug', '=', slug)
    .where('p.status', '=', 'published')
    .executeTakeFirst()
  if (!row) return null
  const { departmentNameZh, departmentNameEn, departmentPhone, lotteryFrozenAt, lotteryDrawnAt, lotteryId, ...programme } = row
  const sessionRows = await reader
    .selectFrom('Session')
    .selectAll()
    .where('programmeId', '=', programme.id)
    .where('status', '=', 'scheduled')
    .where('endsAt', '>', now)
    .orderBy('startsAt')
    .orderBy('id')
    .execute()
  const ids = sessionRows.map((s) => s.id)
  const [quotas, waiting] = ids.length
    ? await Promise.all([
        reader
          .selectFrom('Quota')
          .select(['sessionId', 'category', 'capacity', 'seatsTaken'])
          .where('sessionId', 'in', ids)
          .orderBy('id')
          .execute(),
        reader
          .selectFrom('Booking')
          .select((eb) => ['sessionId', eb.fn.countAll().as('n')])
          .where('sessionId', 'in', ids)
          .where('status', '=', 'waitlisted')
          .groupBy('sessionId')
          .execute(),
      ])
    : [[], []]
  const sessions = sessionRows.map((s) => ({
    ...s,
    quotas: quotas.filter((q) => q.sessionId === s.id).map(({ category, capacity, seatsTaken }) => ({ category, capacity, seatsTaken })),
    _count: { bookings: asCount(waiting.find((w) => w.sessionId === s.id)?.n) },
  }))
  return {
    ...programme,
    department: { nameZh: departmentNameZh, nameEn: departmentNameEn, phone: departmentPhone },
    lottery: lotteryId && lotteryFrozenAt ? { frozenAt: lotteryFrozenAt, drawnAt: lotteryDrawnAt } : null,
    sessions,
    window: bookingWindowState({ ...programme, lotteryDrawnAt }, now),
    applicationWindow: openingState(programme, now),
  }
}

function nextMonth(month: string) {
  const [y, m] = month.split('-').map(Number)
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
}

/** The months offered in the month filter: this one and the next eleven (Shanghai). */
export function upcomingMonths(now = new Date(), count = 12) {
  const months: string[] = []
  let month = shanghaiMonth(now)
  for (let i = 0; i < count; i++) {
    months.push(month)
    month = nextMonth(month)
  }
  return months
}

/** What the catalogue pages (/ and /programmes) load: filters from the URL, cards, months. */
export async function loadCataloguePage(request: Request) {
  const query = parseSearchParams(request, catalogueQuerySchema)
  const { entries, ...paging } = await listCatalogue(query)
  return { query, programmes: entries, paging, months: upcomingMonths() }
}
