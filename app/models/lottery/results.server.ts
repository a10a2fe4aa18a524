import { writeAudit } from '~/models/audit/audit.server'
import { toCsv } from '~/utils/csv.server'
import { maskName } from '~/utils/mask'
import { db, write } from '~/utils/db.server'
import { sessionWhenSelect } from '~/models/programme/selects'
import { frozenUnitsSchema, type DrawUnit, type UnitResult } from './draw'
import { parseKeys, peopleByKey } from './entries.server'

/** What of a lottery may leave the model: the commitment and the outcome, never the sealed seed. */
const publishedLotterySelect = {
  frozenEntries: true,
  entriesHash: true,
  seedHash: true,
  seed: true,
  result: true,
  resultHash: true,
  frozenAt: true,
  drawnAt: true,
} as const

const readResult = (text: string | null) => (text ? (JSON.parse(text) as UnitResult[]) : [])
const readUnits = (text: string) => frozenUnitsSchema.parse(JSON.parse(text)) as DrawUnit[]

/**
 * The public results page: each unit by the applicant's masked name and their entry's code,
 * in draw order — no full name, phone or child's data. Null until the draw.
 */
export async function publicResults(slug: string) {
  const programme = await db.programme.findFirst({
    where: { slug, status: 'published', allocation: 'lottery' },
    select: {
      id: true,
      slug: true,
      titleZh: true,
      titleEn: true,
      drawAt: true,
      lottery: { select: publishedLotterySelect },
      sessions: { select: { id: true, ...sessionWhenSelect, placeZh: true, placeEn: true }, orderBy: { startsAt: 'asc' } },
    },
  })
  if (!programme?.lottery?.drawnAt) return programme ? { programme, lottery: programme.lottery, rows: [] } : null
  const units = new Map(readUnits(programme.lottery.frozenEntries).map((u) => [u.id, u]))
  const entries = new Map(
    (
      await db.lotteryEntry.findMany({
        where: { programmeId: programme.id },
        select: { id: true, code: true, applicant: { select: { name: true } } },
      })
    ).map((e) => [e.id, e]),
  )
  const rows = readResult(programme.lottery.result).map((r) => {
    const unit = units.get(r.id)
    const entry = unit ? entries.get(unit.entryId) : undefined
    return {
      ...r,
      people: unit?.attendees.length ?? 0,
      maskedName: entry ? maskName(entry.applicant.name) : '—',
      code: entry?.code ?? '—',
    }
  })
  return { programme, lottery: programme.lottery, rows }
}

/**
 * What an organiser sees of a lottery: applications per session (as first choice and in
 * any rank) and per quota category, and after the draw every unit with the applicant's name.
 */
export async function lotteryOverview(programmeId: string) {
  const [rows, sessions, lottery] = await Promise.all([
    db.lotteryEntry.findMany({
      where: { programmeId },
      select: { id: true, attendees: true, choices: true, together: true, code: true, applicant: { select: { name: true, email: true } } },
      orderBy: { createdAt: 'asc' },
    }),
    db.session.findMany({
      where: { programmeId },
      select: {
        id: true,
        ...sessionWhenSelect,
        capacity: true,
        seatsTaken: true,
        status: true,
        quotas: { select: { category: true, capacity: true } },
      },
      orderBy: { startsAt: 'asc' },
    }),
    db.lottery.findUnique({ where: { programmeId }, select: publishedLotterySelect }),
  ])
  // each application's JSON read once
  const applications = rows.map((e) => ({ ...e, attendees: parseKeys(e.attendees), choices: parseKeys(e.choices) }))
  const people = await peopleByKey(applications.flatMap((e) => e.attendees))
  const perSession = sessions.map((s) => {
    const first = applications.filter((e) => e.choices[0] === s.id)
    const any = applications.filter((e) => e.choices.includes(s.id))
    const byCategory: Record<string, number> = {}
    for (const category of any.flatMap((e) => e.attendees.map((k) => people.get(k)?.gender ?? '—'))) {
      byCategory[category] = (byCategory[category] ?? 0) + 1
    }
    return {
      session: s,
      firstChoice: first.length,
      firstChoicePeople: first.reduce((n, e) => n + e.attendees.length, 0),
      anyChoice: any.length,
      byCategory,
    }
  })
  const units = lottery ? new Map(readUnits(lottery.frozenEntries).map((u) => [u.id, u])) : new Map<string, DrawUnit>()
  const byEntry = new Map(applications.map((e) => [e.id, e]))
  const results = readResult(lottery?.result ?? null).map((r) => {
    const unit = units.get(r.id)
    const entry = unit ? byEntry.get(unit.entryId) : undefined
    return {
      ...r,
      tier: unit?.tier ?? 1,
      applicant: entry?.applicant.name ?? '—',
      email: entry?.applicant.email ?? '',
      code: entry?.code ?? '',
      names: (unit?.attendees ?? []).map((a) => people.get(a.key)?.name ?? '—'),
    }
  })
  return {
    entries: applications.length,
    people: applications.reduce((n, e) => n + e.attendees.length, 0),
    perSession,
    sessions,
    lottery,
    results,
  }
}

/** The result as CSV for the organiser (full names: their own roster), each export audited. */
export async function lotteryCsv(programmeId: string, t: (key: string, params?: Record<string, unknown>) => string, actorId: string) {
  const { results, sessions } = await lotteryOverview(programmeId)
  const when = new Map(sessions.map((s) => [s.id, s.startsAt.toISOString()]))
  const rows = [
    [
      t('lottery.order'),
      t('lottery.applicant'),
      'email',
      t('lottery.code'),
      t('lotteryAdmin.names'),
      'tier',
      t('lottery.result'),
      'session',
      'no.',
    ],
    ...results.map((r) => [
      r.order,
      r.applicant,
      r.email,
      r.code,
      r.names.join(' / '),
      t(`lotteryAdmin.tier.${r.tier}`),
      r.outcome,
      r.outcome === 'unplaced' ? '' : (when.get(r.sessionId) ?? r.sessionId),
      r.outcome === 'placed' ? r.choice : r.outcome === 'waitlisted' ? r.waitlistNo : '',
    ]),
  ]
  await write((tx) =>
    writeAudit(tx, { actorId, action: 'lottery.exported', entity: 'Programme', entityId: programmeId, data: { rows: results.length } }),
  )
  return toCsv(rows)
}
