import { bookingWindowState, openingState } from '~/models/programme/constants'
import { ageOn } from '~/utils/time'
import type { RefusalReason } from './constants'

export type EligibilityProgramme = {
  status: string
  audience: string
  minAge: number | null
  maxAge: number | null
  membersOnly: boolean
  bookingOpensAt: Date
  bookingClosesAt: Date
  allocation: string
  lotteryDrawnAt: Date | null
}
export type EligibilitySession = {
  status: string
  startsAt: Date
  quotas: { category: string }[]
}
export type EligibilityPerson = { birthDate: Date | null; gender: string | null }

/**
 * Why this attendee may not book this session (or, `applying`, apply for it in a lottery),
 * or null when they may. Pure: every input is read before the booking transaction starts.
 */
export function refusalReason(input: {
  applying?: boolean
  programme: EligibilityProgramme
  session: EligibilitySession
  booker: { memberNo: string | null; memberVerifiedAt: Date | null }
  attendeeKind: 'self' | 'child'
  attendee: EligibilityPerson
  now: Date
}): RefusalReason | null {
  const { programme, session, booker, attendee, now } = input
  if (programme.status !== 'published') return 'programme-unavailable'
  if (session.status !== 'scheduled') return 'session-cancelled'
  if (session.startsAt <= now) return 'session-past'
  const window = input.applying
    ? programme.allocation === 'lottery'
      ? openingState(programme, now)
      : 'not-lottery'
    : bookingWindowState(programme, now)
  if (window !== 'open') return window
  if (programme.audience !== input.attendeeKind) return 'wrong-audience'
  // a number counts once verified against the register or by an organiser (member-register.server.ts)
  if (programme.membersOnly && !booker.memberNo) return 'members-only'
  if (programme.membersOnly && !booker.memberVerifiedAt) return 'member-unverified'
  if (programme.minAge !== null || programme.maxAge !== null) {
    if (!attendee.birthDate) return 'missing-birth-date'
    const age = ageOn(attendee.birthDate, session.startsAt)
    if (programme.minAge !== null && age < programme.minAge) return 'too-young'
    if (programme.maxAge !== null && age > programme.maxAge) return 'too-old'
  }
  if (session.quotas.length > 0) {
    if (!attendee.gender) return 'missing-gender'
    if (!session.quotas.some((q) => q.category === attendee.gender)) return 'no-quota-for-gender'
  }
  return null
}

/** The quota an attendee counts against, or null when the session has none. */
export function quotaCategory(session: { quotas: { category: string }[] }, attendee: EligibilityPerson) {
  return session.quotas.length > 0 ? attendee.gender : null
}
