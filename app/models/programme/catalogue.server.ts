import type { Prisma } from '../../../generated/prisma/client'
import { db } from '~/utils/db.server'
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
  const programme = await db.programme.findFirst({
    where: { slug, status: 'published' },
    include: {
      department: { select: { nameZh: true, nameEn: true, phone: true } },
      lottery: { select: { frozenAt: true, drawnAt: true } },
      sessions: {
        where: { status: 'scheduled', endsAt: { gt: now } },
        orderBy: { startsAt: 'asc' },
        include: {
          quotas: { select: { category: true, capacity: true, seatsTaken: true } },
          _count: { select: { bookings: { where: { status: 'waitlisted' } } } },
        },
      },
    },
  })
  if (!programme) return null
  return {
    ...programme,
    window: bookingWindowState({ ...programme, lotteryDrawnAt: programme.lottery?.drawnAt ?? null }, now),
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
