import { writeAudit } from '~/models/audit/audit.server'
import { toCsv } from '~/utils/csv.server'
import { maskName } from '~/utils/mask'
import { db, write } from '~/utils/db.server'
import { sessionWhenSelect } from '~/models/programme/selects'
import { drawTurns, sessionsAtDraw, type UnitResult } from './draw'
import { parseKeys, peopleByKey } from './entries.server'
import { privateListSchema, type PrivateList } from './freeze.server'
import { storySelect } from './story.server'
import { publicRecordOf, recordSelect } from './verify.server'

/** What of a lottery may leave the model: the commitment and the outcome, never the sealed seed. */
const publishedLotterySelect = { ...recordSelect, ...storySelect, frozenEntries: true } as const

const readResult = (text: string | null) => (text ? (JSON.parse(text) as UnitResult[]) : [])
const emptyList: PrivateList = { sessions: [], units: [] }
/** The private list of a lottery (format 1's old list reads as empty: its lines show no names). */
const readList = (text: string): PrivateList => privateListSchema.safeParse(JSON.parse(text)).data ?? emptyList

/** A result line with its session id (the public result names sessions by number). */
function withSessionIds(result: UnitResult[], list: PrivateList) {
  const ids = new Map(list.sessions.map((s) => [s.no, s.id]))
  return result.map((r) => ({ ...r, sessionId: r.outcome === 'unplaced' ? null : (ids.get(r.session) ?? null) }))
}

/**
 * The public results page: the published record (commitment from the freeze, the draw after
 * it) and each unit by the applicant's masked name and public code, in draw order — no full
 * name, phone or child's data. With `code`, the turns of that applicant's units: why each landed
 * where it did. Null when there is no such lottery programme.
 */
export async function publicResults(slug: string, code?: string) {
  const programme = await db.programme.findFirst({
    where: { slug, status: 'published', allocation: 'lottery' },
    select: {
      id: true,
      slug: true,
      titleZh: true,
      titleEn: true,
      drawAt: true,
      drawSource: true,
      drawFallback: true,
      lottery: { select: publishedLotterySelect },
      sessions: { select: { id: true, ...sessionWhenSelect, placeZh: true, placeEn: true }, orderBy: { startsAt: 'asc' } },
    },
  })
  if (!programme) return null
  const { lottery } = programme
  if (!lottery?.drawnAt) return { programme, lottery, rows: [], turns: [] }
  const list = readList(lottery.frozenEntries)
  const units = new Map(list.units.map((u) => [u.id, u]))
  const names = new Map(
    (
      await db.lotteryEntry.findMany({
        where: { programmeId: programme.id },
        select: { id: true, applicant: { select: { name: true } } },
      })
    ).map((e) => [e.id, e.applicant.name]),
  )
  const rows = withSessionIds(readResult(lottery.result), list).map((r) => {
    const unit = units.get(r.id)
    const name = unit ? names.get(unit.entryId) : undefined
    return { ...r, people: unit?.attendees.length ?? 0, maskedName: name ? maskName(name) : '—' }
  })
  // the whole record is read and the draw replayed only when a family asks for its own line
  const record = code ? publicRecordOf(lottery) : null
  return { programme, lottery, rows, turns: record?.draw && code ? turnsOf(record, code, list) : [] }
}

/** Replays the draw up to the units of one code (its application, ~n namesakes, -n children drawn alone). */
function turnsOf(record: NonNullable<ReturnType<typeof publicRecordOf>>, code: string, list: PrivateList) {
  if (!record.draw) return []
  const ids = new Map(list.sessions.map((s) => [s.no, s.id]))
  const mine = (id: string) => id === code || id.startsWith(`${code}~`) || id.startsWith(`${code}-`)
  return drawTurns(record.draw.seed, record.commitment.units, sessionsAtDraw(record.commitment, record.draw.withdrawn))
    .filter((turn) => mine(turn.unit.id))
    .map((turn) => ({
      id: turn.unit.id,
      tier: turn.unit.tier,
      size: turn.unit.size,
      ticket: turn.ticket,
      result: turn.result,
      sessionId: turn.result.outcome === 'unplaced' ? null : (ids.get(turn.result.session) ?? null),
      choices: turn.choices.map((c) => ({ ...c, sessionId: ids.get(c.session) ?? null })),
    }))
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
  const list = lottery ? readList(lottery.frozenEntries) : emptyList
  const units = new Map(list.units.map((u) => [u.id, u]))
  const byEntry = new Map(applications.map((e) => [e.id, e]))
  const results = withSessionIds(readResult(lottery?.result ?? null), list).map((r) => {
    const unit = units.get(r.id)
    const entry = unit ? byEntry.get(unit.entryId) : undefined
    return {
      ...r,
      tier: unit?.tier ?? 1,
      applicant: entry?.applicant.name ?? '—',
      email: entry?.applicant.email ?? '',
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
      r.id,
      r.names.join(' / '),
      t(`lotteryAdmin.tier.${r.tier}`),
      r.outcome,
      r.sessionId ? (when.get(r.sessionId) ?? r.sessionId) : '',
      r.outcome === 'placed' ? r.choice : r.outcome === 'waitlisted' ? r.waitlistNo : '',
    ]),
  ]
  await write((tx) =>
    writeAudit(tx, { actorId, action: 'lottery.exported', entity: 'Programme', entityId: programmeId, data: { rows: results.length } }),
  )
  return toCsv(rows)
}

/** The record anyone may download from the freeze on (public/verify-lottery.mjs checks it); null before the freeze. */
export async function downloadableRecord(slug: string) {
  const programme = await db.programme.findFirst({
    where: { slug, status: 'published', allocation: 'lottery' },
    select: { lottery: { select: recordSelect } },
  })
  return programme?.lottery ? publicRecordOf(programme.lottery) : null
}
