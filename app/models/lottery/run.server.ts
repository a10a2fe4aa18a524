import { writeAudit } from '~/models/audit/audit.server'
import { promoteFromWaitlist } from '~/models/booking/waitlist.server'
import { db, write } from '~/utils/db.server'
import { decryptField } from '~/utils/field-crypto.server'
import { applyResult } from './apply-result.server'
import {
  canonicalJson,
  commitmentSchema,
  countOutcomes,
  draw,
  drawSeed,
  normalisePublicValue,
  sessionsAtDraw,
  sha256,
  type DrawRecord,
} from './draw'
import { FREEZE_GRACE_MS, freezeLottery, privateListSchema } from './freeze.server'
import { refuse, type Result } from '~/models/result'

const HOUR = 60 * 60 * 1000

/**
 * The fallback source may be used only this long after the draw time: the primary value had a
 * day to appear (a televised draw moved by an hour, a website late). Before that, only the
 * primary is accepted, so an organiser cannot choose between two values.
 */
export const FALLBACK_AFTER_MS = 24 * HOUR

export type PublicValueInput = { value: string; from: 'primary' | 'fallback'; note?: string }
export type PublicValueOutcome =
  | { ok: true }
  | {
      ok: false
      error:
        | 'lotteryAdmin.errors.notFrozen'
        | 'lotteryAdmin.errors.tooEarly'
        | 'lotteryAdmin.errors.fallbackTooEarly'
        | 'lotteryAdmin.errors.fallbackNote'
        | 'lotteryAdmin.errors.valueTaken'
    }

/**
 * Record the public value once it is known — never before the draw time, once only, and from
 * the primary source unless a day has passed without it (then from the fallback, with a note
 * saying why). Both sources were committed at the freeze, so nobody can name another.
 */
export async function recordPublicValue(
  programmeId: string,
  input: PublicValueInput,
  actorId: string | null,
  now = new Date(),
): Promise<PublicValueOutcome> {
  const lottery = await db.lottery.findUnique({
    where: { programmeId },
    select: { id: true, commitment: true, programme: { select: { drawAt: true } } },
  })
  if (!lottery?.commitment || !lottery.programme.drawAt) return refuse('lotteryAdmin.errors.notFrozen')
  const drawAt = lottery.programme.drawAt.getTime()
  if (now.getTime() < drawAt) return refuse('lotteryAdmin.errors.tooEarly')
  const note = input.note?.trim() || null
  if (input.from === 'fallback') {
    if (now.getTime() < drawAt + FALLBACK_AFTER_MS) return refuse('lotteryAdmin.errors.fallbackTooEarly')
    if (!note) return refuse('lotteryAdmin.errors.fallbackNote')
  }
  const value = normalisePublicValue(input.value)
  return write(async (tx) => {
    const recorded = await tx.lottery.updateMany({
      where: { id: lottery.id, publicValue: null, drawnAt: null },
      data: { publicValue: value, publicValueFrom: input.from, publicValueNote: note, publicValueAt: now, publicValueById: actorId },
    })
    if (recorded.count === 0) return refuse('lotteryAdmin.errors.valueTaken')
    await writeAudit(tx, {
      actorId,
      action: 'lottery.public-value',
      entity: 'Lottery',
      entityId: lottery.id,
      data: { value, from: input.from, note },
    })
    return { ok: true } as const
  })
}

export type DrawOutcome = Result<
  { placed: number; waitlisted: number; unplaced: number },
  'lotteryAdmin.errors.notFrozen' | 'lotteryAdmin.errors.noPublicValue' | 'lotteryAdmin.alreadyDrawn'
>

/**
 * Run the draw of a frozen lottery whose public value is in, once: claim it (a conditional
 * update, so one instance or one click wins), reveal the server seed, draw over the committed
 * units and seats (less sessions withdrawn since: cancelled, or begun), and in the same
 * transaction book the result (apply-result.server.ts). Places added after the freeze are not
 * the draw's: they go down the drawn waitlist right after, as any freed place does. Everything
 * or nothing: a crash leaves the lottery undrawn, to be drawn again.
 */
export async function runDraw(programmeId: string, options: { actorId: string | null; now?: Date }): Promise<DrawOutcome> {
  const now = options.now ?? new Date()
  const lottery = await db.lottery.findUnique({
    where: { programmeId },
    select: {
      id: true,
      drawnAt: true,
      seedSealed: true,
      commitment: true,
      frozenEntries: true,
      publicValue: true,
      publicValueFrom: true,
      publicValueNote: true,
      programme: { select: { slug: true, waitlistMode: true, offerHours: true } },
    },
  })
  if (!lottery?.commitment) return refuse('lotteryAdmin.errors.notFrozen')
  if (lottery.drawnAt) return refuse('lotteryAdmin.alreadyDrawn')
  if (!lottery.publicValue) return refuse('lotteryAdmin.errors.noPublicValue')
  const serverSeed = decryptField(lottery.seedSealed)!
  const commitment = commitmentSchema.parse(JSON.parse(lottery.commitment))
  const list = privateListSchema.parse(JSON.parse(lottery.frozenEntries))
  return write(
    async (tx) => {
      const claimed = await tx.lottery.updateMany({
        where: { id: lottery.id, drawnAt: null },
        data: { drawnAt: now, drawnById: options.actorId, seed: serverSeed },
      })
      if (claimed.count === 0) return refuse('lotteryAdmin.alreadyDrawn')
      // only sessions still to come can be given (a draw run late skips those already started)
      const sessions = await tx.session.findMany({
        where: { id: { in: list.sessions.map((s) => s.id) }, status: 'scheduled', startsAt: { gt: now } },
        select: { id: true },
      })
      const running = new Set(sessions.map((s) => s.id))
      const withdrawn = list.sessions.filter((s) => !running.has(s.id)).map((s) => s.no)
      const seed = drawSeed(serverSeed, lottery.publicValue!)
      const result = draw(seed, commitment.units, sessionsAtDraw(commitment, withdrawn))
      // in offer mode a drawn place is held for the family to claim, like any offer: unclaimed, it passes down the waitlist
      const holdUntil = lottery.programme.waitlistMode === 'offer' ? new Date(now.getTime() + lottery.programme.offerHours * HOUR) : null
      await applyResult(tx, { slug: lottery.programme.slug, list, result, sessions, now, holdUntil, actorId: options.actorId })
      const record: DrawRecord = {
        serverSeed,
        publicValue: lottery.publicValue!,
        publicValueFrom: lottery.publicValueFrom === 'fallback' ? 'fallback' : 'primary',
        publicValueNote: lottery.publicValueNote,
        seed,
        withdrawn,
        result,
      }
      await tx.lottery.update({
        where: { id: lottery.id },
        data: { withdrawn: canonicalJson(withdrawn), result: canonicalJson(result), resultHash: sha256(canonicalJson(record)) },
      })
      const counts = countOutcomes(result)
      await writeAudit(tx, { actorId: options.actorId, action: 'lottery.drawn', entity: 'Lottery', entityId: lottery.id, data: counts })
      // seats added since the freeze were not the draw's to give: the drawn waitlist is served now
      for (const session of sessions) await promoteFromWaitlist(tx, session.id, now, options.actorId)
      return { ok: true, ...counts } as const
    },
    { timeout: 120_000 },
  )
}

/**
 * The job runner's part: freeze lotteries whose window has closed, draw those whose public value
 * has been entered. Safe in every instance at once (see freezeLottery and runDraw).
 */
export async function runDueLotteries(now = new Date()) {
  const due = await db.programme.findMany({
    where: {
      allocation: 'lottery',
      status: 'published',
      OR: [
        {
          lottery: { is: null },
          bookingClosesAt: { lte: new Date(now.getTime() - FREEZE_GRACE_MS) },
          drawAt: { gt: now },
          drawSource: { not: '' },
        },
        { lottery: { is: { drawnAt: null, publicValue: { not: null } } } },
      ],
    },
    select: { id: true },
    take: 20,
  })
  for (const programme of due) {
    if (await freezeLottery(programme.id, now)) continue
    await runDraw(programme.id, { actorId: null, now })
  }
}

/** An organiser enters the public value: recorded, then drawn at once (the job would draw it at its next tick too). */
export async function enterPublicValueAndDraw(programmeId: string, input: PublicValueInput, actorId: string, now = new Date()) {
  const recorded = await recordPublicValue(programmeId, input, actorId, now)
  if (!recorded.ok) return recorded
  const drawn = await runDraw(programmeId, { actorId, now })
  // the value was just recorded by this call, so a draw that fails now was run by someone else
  return drawn.ok ? drawn : refuse('lotteryAdmin.alreadyDrawn')
}
