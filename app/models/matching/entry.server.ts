import { z } from 'zod'
import { writeAudit } from '~/models/audit/audit.server'
import { ATTENDED } from '~/models/attendance/constants'
import { db, write, type Tx } from '~/utils/db.server'
import { decryptField, encryptField } from '~/utils/field-crypto.server'
import { SHARE_KINDS, type ShareKind } from './constants'
import { matchesOf, type Choices } from './mutual'

/**
 * A participant's part in a mutual-choice round, sealed in one value (ChoiceEntry.sealed,
 * AES-256-GCM under DATA_KEY): the name and contact they agreed to show a mutual match, and the
 * badge numbers they chose. Read only here; never logged, audited or exported but to its owner.
 */
const sealedSchema = z.object({
  name: z.string(),
  share: z.enum(SHARE_KINDS),
  contact: z.string().nullable(),
  choices: z.array(z.number().int()),
})
export type SealedEntry = z.infer<typeof sealedSchema>

export const openEntry = (sealed: string): SealedEntry => sealedSchema.parse(JSON.parse(decryptField(sealed) ?? '{}'))
const sealEntry = (entry: SealedEntry) => encryptField(JSON.stringify(entry))!

/** A booking of a social with a round, held by this member for themself (ownership in the where clause). */
export const myRoundBooking = (userId: string, bookingId: string) => ({
  id: bookingId,
  bookerId: userId,
  attendeeUserId: userId,
  session: { programme: { mutualChoice: true } },
})

/** Who takes part in a round: a confirmed booking whose attendee arrived (app/models/attendance). */
export const arrived = { status: 'confirmed', attendance: { some: { status: { in: [...ATTENDED] } } } }

const myBooking = (tx: Pick<Tx, 'booking'>, userId: string, bookingId: string) =>
  tx.booking.findFirst({
    where: myRoundBooking(userId, bookingId),
    select: {
      id: true,
      status: true,
      badgeNo: true,
      sessionId: true,
      booker: { select: { phone: true } },
      session: { select: { programme: { select: { mutualChoiceMax: true } }, choiceRound: { select: { status: true } } } },
      attendance: { where: { status: { in: [...ATTENDED] } }, select: { id: true }, take: 1 },
      choiceEntry: { select: { sealed: true } },
    },
  })

export type MatchingError =
  | 'matching.errors.notYours'
  | 'matching.errors.closed'
  | 'matching.errors.notOpen'
  | 'matching.errors.notArrived'
  | 'matching.errors.noPhone'
  | 'matching.errors.consentFirst'
  | 'matching.errors.tooMany'
  | 'matching.errors.self'
  | 'matching.errors.notParticipant'
export type MatchingResult = { ok: true } | { ok: false; error: MatchingError; params?: Record<string, string | number> }

/**
 * What a participant agrees to show a mutual match: a display name, and their phone, a WeChat
 * id typed for this purpose, or nothing more. Asked before they can choose; changeable until
 * the round closes. Keeps the choices already made.
 */
export async function saveConsent(input: {
  userId: string
  bookingId: string
  displayName: string
  share: ShareKind
  wechat?: string
  now?: Date
}): Promise<MatchingResult> {
  return write(async (tx): Promise<MatchingResult> => {
    const booking = await myBooking(tx, input.userId, input.bookingId)
    if (!booking || booking.status !== 'confirmed') return { ok: false, error: 'matching.errors.notYours' }
    if (booking.session.choiceRound?.status === 'closed') return { ok: false, error: 'matching.errors.closed' }
    if (input.share === 'phone' && !booking.booker.phone) return { ok: false, error: 'matching.errors.noPhone' }
    const contact = input.share === 'phone' ? booking.booker.phone : input.share === 'wechat' ? (input.wechat ?? null) : null
    const choices = booking.choiceEntry ? openEntry(booking.choiceEntry.sealed).choices : []
    const sealed = sealEntry({ name: input.displayName, share: input.share, contact, choices })
    await tx.choiceEntry.upsert({ where: { bookingId: booking.id }, create: { bookingId: booking.id, sealed }, update: { sealed } })
    await writeAudit(tx, {
      actorId: input.userId,
      action: 'matching.consent',
      entity: 'Booking',
      entityId: booking.id,
      data: { share: input.share },
    })
    return { ok: true }
  })
}

/**
 * Choose up to the programme's number of badge numbers, while the round is open, having
 * arrived: only people who took part (arrived), never oneself, each once. Replaces the earlier
 * choice. The round's row is updated in the same transaction, so a choice and the closing of
 * the round are serialised: nothing lands after the close.
 */
export async function saveChoices(input: { userId: string; bookingId: string; badges: number[]; now?: Date }): Promise<MatchingResult> {
  const badges = [...new Set(input.badges)]
  return write(async (tx): Promise<MatchingResult> => {
    const booking = await myBooking(tx, input.userId, input.bookingId)
    if (!booking || booking.status !== 'confirmed') return { ok: false, error: 'matching.errors.notYours' }
    const open = await tx.choiceRound.updateMany({ where: { sessionId: booking.sessionId, status: 'open' }, data: { status: 'open' } })
    if (open.count === 0) {
      return { ok: false, error: booking.session.choiceRound ? 'matching.errors.closed' : 'matching.errors.notOpen' }
    }
    if (booking.attendance.length === 0) return { ok: false, error: 'matching.errors.notArrived' }
    if (!booking.choiceEntry) return { ok: false, error: 'matching.errors.consentFirst' }
    const max = booking.session.programme.mutualChoiceMax
    if (badges.length > max) return { ok: false, error: 'matching.errors.tooMany', params: { max } }
    if (booking.badgeNo !== null && badges.includes(booking.badgeNo)) return { ok: false, error: 'matching.errors.self' }
    const present = new Set(await participantBadges(tx, booking.sessionId))
    const stranger = badges.find((b) => !present.has(b))
    if (stranger !== undefined) return { ok: false, error: 'matching.errors.notParticipant', params: { badge: stranger } }
    const entry = openEntry(booking.choiceEntry.sealed)
    await tx.choiceEntry.update({ where: { bookingId: booking.id }, data: { sealed: sealEntry({ ...entry, choices: badges }) } })
    // the fact and the number, never whom
    await writeAudit(tx, {
      actorId: input.userId,
      action: 'matching.chose',
      entity: 'Booking',
      entityId: booking.id,
      data: { count: badges.length },
    })
    return { ok: true }
  })
}

/** Badge numbers of the people who take part: confirmed, and arrived at the social. */
export async function participantBadges(tx: Pick<Tx, 'booking'>, sessionId: string) {
  const rows = await tx.booking.findMany({
    where: { sessionId, badgeNo: { not: null }, ...arrived },
    select: { badgeNo: true },
  })
  return rows.map((r) => r.badgeNo!)
}

/** Every participant's entry of a session, opened: by badge number, choices limited to participants. */
export async function entriesOf(tx: Pick<Tx, 'booking'>, sessionId: string) {
  const rows = await tx.booking.findMany({
    where: { sessionId, badgeNo: { not: null }, ...arrived, choiceEntry: { isNot: null } },
    select: { badgeNo: true, choiceEntry: { select: { sealed: true } } },
  })
  const entries = new Map(rows.map((r) => [r.badgeNo!, openEntry(r.choiceEntry!.sealed)]))
  const choices: Choices = new Map([...entries].map(([badge, e]) => [badge, e.choices.filter((c) => entries.has(c))]))
  return { entries, choices }
}

/**
 * A participant's mutual matches once the round has closed (and until its choices are
 * deleted): each match's display name, badge number and only the contact they agreed to share.
 */
export async function matchesForBooking(bookingId: string) {
  const booking = await db.booking.findUnique({
    where: { id: bookingId },
    select: { badgeNo: true, sessionId: true, session: { select: { choiceRound: { select: { status: true, purgedAt: true } } } } },
  })
  const round = booking?.session.choiceRound
  if (!booking || booking.badgeNo === null || round?.status !== 'closed' || round.purgedAt) return null
  const { entries, choices } = await entriesOf(db, booking.sessionId)
  return matchesOf(booking.badgeNo, choices).map((badge) => {
    const e = entries.get(badge)!
    return { badge, name: e.name, share: e.share, contact: e.share === 'none' ? null : e.contact }
  })
}

/** Erasure (PIPL): a member's part in every round — names, contacts, choices — goes with the account. */
export function forgetChoicesOf(tx: Tx, userId: string) {
  return tx.choiceEntry.deleteMany({ where: { booking: { bookerId: userId } } })
}
