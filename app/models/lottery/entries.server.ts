import { randomInt } from 'node:crypto'
import { answerValues, fieldOfRow, type AnswerRow } from '~/models/questions/definitions'
import { decryptField, encryptField } from '~/utils/field-crypto.server'
import { writeAudit } from '~/models/audit/audit.server'
import { attendeeIds, attendeeKey, type Attendee, type RefusalReason } from '~/models/booking/constants'
import { refusalReason } from '~/models/booking/eligibility'
import { db, write, type Tx } from '~/utils/db.server'
import { refuse, type Result } from '~/models/result'

export type ApplyOutcome =
  | Result<
      { code: string; edited: boolean },
      'lottery.errors.not-lottery' | 'lottery.errors.duplicate-choice' | 'lottery.errors.unknown-session' | 'lottery.errors.no-attendee'
    >
  | { ok: false; error: 'lottery.refused'; refusals: { name: string; reason: RefusalReason }[] }

/**
 * Apply, or change an application, for a lottery programme: the member or some of their
 * children, ranking the sessions they could take. Eligibility is the booking rule
 * (refusalReason) for every attendee and every ranked session, so the reasons read the same.
 */
export async function applyToLottery(input: {
  userId: string
  programmeId: string
  childIds: string[]
  choices: string[]
  together: boolean
  /** the answers to the programme's questions, read (app/models/questions): kept sealed until the draw books */
  answers?: AnswerRow[]
  now?: Date
}): Promise<ApplyOutcome> {
  const now = input.now ?? new Date()
  const programme = await db.programme.findUnique({
    where: { id: input.programmeId },
    select: {
      id: true,
      status: true,
      audience: true,
      minAge: true,
      maxAge: true,
      membersOnly: true,
      bookingOpensAt: true,
      bookingClosesAt: true,
      allocation: true,
      lottery: { select: { id: true } },
      sessions: { select: { id: true, status: true, startsAt: true, quotas: { select: { category: true } } } },
    },
  })
  if (!programme || programme.allocation !== 'lottery') return refuse('lottery.errors.not-lottery')
  if (new Set(input.choices).size !== input.choices.length) return refuse('lottery.errors.duplicate-choice')
  const sessions = input.choices.map((id) => programme.sessions.find((s) => s.id === id))
  if (sessions.some((s) => !s)) return refuse('lottery.errors.unknown-session')
  const user = await db.user.findUniqueOrThrow({
    where: { id: input.userId },
    select: {
      id: true,
      name: true,
      gender: true,
      birthDate: true,
      memberNo: true,
      memberVerifiedAt: true,
      children: { where: { id: { in: input.childIds }, erasedAt: null }, select: { id: true, name: true, gender: true, birthDate: true } },
    },
  })
  const attendees: { attendee: Attendee; person: { name: string; gender: string | null; birthDate: Date | null } }[] =
    programme.audience === 'self'
      ? [{ attendee: { kind: 'self', userId: user.id }, person: user }]
      : user.children.map((child) => ({ attendee: { kind: 'child', childId: child.id }, person: child }))
  if (attendees.length === 0) return refuse('lottery.errors.no-attendee')
  const refusals: { name: string; reason: RefusalReason }[] = []
  if (programme.audience === 'child' && user.children.length < input.childIds.length) refusals.push({ name: '', reason: 'not-your-child' })
  // a frozen lottery takes no more changes, whatever the clock says
  if (programme.lottery) return refuse('lottery.refused', { refusals: [{ name: '', reason: 'closed' as const }] })
  for (const { attendee, person } of attendees) {
    for (const session of sessions) {
      const reason = refusalReason({
        applying: true,
        programme: { ...programme, lotteryDrawnAt: null },
        session: session!,
        booker: user,
        attendeeKind: attendee.kind,
        attendee: person,
        now,
      })
      if (reason) {
        refusals.push({ name: person.name, reason })
        break
      }
    }
  }
  if (refusals.length > 0) return refuse('lottery.refused', { refusals })

  const data = {
    attendees: JSON.stringify(attendees.map((a) => attendeeKey(a.attendee)).sort()),
    choices: JSON.stringify(input.choices),
    together: input.together,
    answersSealed: input.answers?.length ? encryptField(JSON.stringify(input.answers)) : null,
  }
  // chosen before the transaction (a read needs no lock); two applications racing to one code are told apart at the freeze
  const code = await unusedEntryCode(programme.id)
  return write(async (tx) => {
    if (await tx.lottery.findUnique({ where: { programmeId: programme.id }, select: { id: true } })) {
      return refuse('lottery.refused', { refusals: [{ name: '', reason: 'closed' as const }] })
    }
    const where = { programmeId_applicantId: { programmeId: programme.id, applicantId: user.id } }
    const existing = await tx.lotteryEntry.findUnique({ where, select: { id: true, code: true } })
    const entry = existing
      ? await tx.lotteryEntry.update({ where, data, select: { id: true, code: true } })
      : await tx.lotteryEntry.create({
          data: { ...data, programmeId: programme.id, applicantId: user.id, code },
          select: { id: true, code: true },
        })
    await writeAudit(tx, {
      actorId: user.id,
      action: existing ? 'lottery.entry-changed' : 'lottery.applied',
      entity: 'LotteryEntry',
      entityId: entry.id,
      data: { programmeId: programme.id, attendees: attendees.length, choices: input.choices.length, together: input.together },
    })
    return { ok: true, code: entry.code, edited: Boolean(existing) } as const
  })
}

/**
 * The four digits printed beside a masked name on the results, known only to the applicant —
 * one no other application of the programme has, while there are any left (two applications
 * that still share one are told apart at the freeze: "0421" and "0421~2").
 */
async function unusedEntryCode(programmeId: string) {
  const candidates = [...new Set(Array.from({ length: 20 }, () => String(randomInt(0, 10_000)).padStart(4, '0')))]
  const taken = new Set(
    (await db.lotteryEntry.findMany({ where: { programmeId, code: { in: candidates } }, select: { code: true } })).map((e) => e.code),
  )
  return candidates.find((code) => !taken.has(code)) ?? candidates[0]
}

/** Withdraw an application while the window is open (and the entries are not frozen). */
export async function withdrawFromLottery(input: { userId: string; programmeId: string; now?: Date }) {
  const now = input.now ?? new Date()
  return write(async (tx) => {
    const programme = await tx.programme.findUnique({
      where: { id: input.programmeId },
      select: { bookingClosesAt: true, lottery: { select: { id: true } } },
    })
    if (!programme || programme.lottery || now >= programme.bookingClosesAt) return refuse('lottery.withdrawFailed')
    const entry = await tx.lotteryEntry.findUnique({
      where: { programmeId_applicantId: { programmeId: input.programmeId, applicantId: input.userId } },
      select: { id: true },
    })
    if (!entry) return refuse('lottery.withdrawFailed')
    await tx.lotteryEntry.delete({ where: { id: entry.id } })
    await writeAudit(tx, {
      actorId: input.userId,
      action: 'lottery.withdrawn',
      entity: 'LotteryEntry',
      entityId: entry.id,
      data: { programmeId: input.programmeId },
    })
    return { ok: true } as const
  })
}

/** The member's application for a programme, with whom and what it names. */
export async function myLotteryEntry(userId: string, programmeId: string) {
  const entry = await db.lotteryEntry.findUnique({
    where: { programmeId_applicantId: { programmeId, applicantId: userId } },
    select: { id: true, attendees: true, choices: true, together: true, code: true, updatedAt: true, answersSealed: true },
  })
  if (!entry) return null
  // the answers given, as the form's fields (a change of the application starts from them)
  const answers: Record<string, string[]> = {}
  for (const a of entryAnswers(entry.answersSealed)) answers[fieldOfRow(a)] = answerValues(a.value)
  const { childIds } = attendeeIds(parseKeys(entry.attendees))
  const children = await db.child.findMany({ where: { id: { in: childIds }, guardianId: userId }, select: { id: true, name: true } })
  return {
    code: entry.code,
    together: entry.together,
    updatedAt: entry.updatedAt,
    childIds,
    names: children.map((c) => c.name),
    choices: parseKeys(entry.choices),
    answers,
  }
}

/** Name and gender of each person behind attendee keys. */
export async function peopleByKey(keys: string[]) {
  const { userIds, childIds } = attendeeIds(keys)
  const [users, children] = await Promise.all([
    db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, gender: true } }),
    db.child.findMany({ where: { id: { in: childIds } }, select: { id: true, name: true, gender: true } }),
  ])
  return new Map<string, { name: string; gender: string | null }>([
    ...users.map((u) => [attendeeKey({ kind: 'self', userId: u.id }), u] as const),
    ...children.map((c) => [attendeeKey({ kind: 'child', childId: c.id }), c] as const),
  ])
}

export const parseKeys = (json: string): string[] => {
  const value: unknown = JSON.parse(json)
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

/** Erasure (PIPL): applications not yet frozen forget the account, or the child. */
export async function forgetInLotteries(tx: Tx, who: { userId: string } | { childId: string }) {
  const open = { programme: { lottery: { is: null } } }
  if ('userId' in who) {
    await tx.lotteryEntry.deleteMany({ where: { applicantId: who.userId, ...open } })
    return
  }
  const key = attendeeKey({ kind: 'child', childId: who.childId })
  const entries = await tx.lotteryEntry.findMany({
    where: { attendees: { contains: key }, ...open },
    select: { id: true, attendees: true, answersSealed: true },
  })
  for (const entry of entries) {
    const rest = parseKeys(entry.attendees).filter((k) => k !== key)
    if (rest.length === 0) await tx.lotteryEntry.delete({ where: { id: entry.id } })
    // the child's answers go with them
    else
      await tx.lotteryEntry.update({
        where: { id: entry.id },
        data: { attendees: JSON.stringify(rest), answersSealed: withoutAttendee(entry.answersSealed, who.childId) },
      })
  }
}

/** The member's applications still waiting for a draw (or drawn in the last weeks), for /me/bookings. */
export async function myLotteryApplications(userId: string, now = new Date()) {
  const recent = new Date(now.getTime() - 30 * 24 * 60 * 60 * 1000)
  const entries = await db.lotteryEntry.findMany({
    where: {
      applicantId: userId,
      programme: { OR: [{ lottery: { is: null } }, { lottery: { is: { OR: [{ drawnAt: null }, { drawnAt: { gte: recent } }] } } }] },
    },
    orderBy: { createdAt: 'asc' },
    select: {
      id: true,
      code: true,
      programme: {
        select: { slug: true, titleZh: true, titleEn: true, bookingClosesAt: true, drawAt: true, lottery: { select: { drawnAt: true } } },
      },
    },
  })
  return entries.map(({ programme: { lottery, ...programme }, ...entry }) => ({
    ...entry,
    programme,
    state: lottery?.drawnAt ? ('drawn' as const) : lottery ? ('frozen' as const) : ('open' as const),
  }))
}

/** The answers an application keeps (opened), or none. */
export function entryAnswers(sealed: string | null): AnswerRow[] {
  if (!sealed) return []
  try {
    return JSON.parse(decryptField(sealed) ?? '[]') as AnswerRow[]
  } catch {
    return []
  }
}

function withoutAttendee(sealed: string | null, childId: string) {
  const rest = entryAnswers(sealed).filter((a) => a.attendee !== childId)
  return rest.length ? encryptField(JSON.stringify(rest)) : null
}
