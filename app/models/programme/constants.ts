export const PROGRAMME_KINDS = ['camp', 'social', 'training', 'checkup'] as const
export type ProgrammeKind = (typeof PROGRAMME_KINDS)[number]

export const AUDIENCES = ['self', 'child'] as const
export type Audience = (typeof AUDIENCES)[number]

export const PROGRAMME_STATUSES = ['draft', 'published', 'cancelled'] as const
export type ProgrammeStatus = (typeof PROGRAMME_STATUSES)[number]

export const SESSION_STATUSES = ['scheduled', 'cancelled'] as const
export type SessionStatus = (typeof SESSION_STATUSES)[number]

/** Whom a member calls about a programme: its own number, else its department's. */
export function contactPhoneOf(programme: { contactPhone: string | null; department: { phone: string | null } }) {
  return programme.contactPhone ?? programme.department.phone ?? ''
}

export const WAITLIST_MODES = ['auto', 'offer'] as const
export type WaitlistMode = (typeof WAITLIST_MODES)[number]

/** How places are given: first come, first served, or by a drawn lottery (docs/decisions/0015-lottery.md). */
export const ALLOCATIONS = ['first-come', 'lottery'] as const
export type Allocation = (typeof ALLOCATIONS)[number]

/** Priority tiers a lottery may use (app/models/lottery/tiers.server.ts). */
export const PRIORITY_TIERS = ['new-first', 'no-show-last'] as const
export type PriorityTier = (typeof PRIORITY_TIERS)[number]

export function priorityTiersOf(programme: { priorityTiers: string }): PriorityTier[] {
  const set = programme.priorityTiers.split(',')
  return PRIORITY_TIERS.filter((t) => set.includes(t))
}

/** Where a programme stands for booking. `lottery`: places are drawn, members apply instead. */
export type WindowState = 'not-open' | 'open' | 'closed' | 'lottery'

/** The programme's own window: for booking (first come) or for applying (lottery). */
export function openingState(
  programme: { bookingOpensAt: Date; bookingClosesAt: Date },
  now = new Date(),
): Exclude<WindowState, 'lottery'> {
  if (now < programme.bookingOpensAt) return 'not-open'
  if (now >= programme.bookingClosesAt) return 'closed'
  return 'open'
}

/**
 * Whether a member may book now. A lottery programme takes no bookings until it is drawn;
 * from then on what the draw left (and its waitlist) is booked first come until each session starts.
 */
export function bookingWindowState(
  programme: { bookingOpensAt: Date; bookingClosesAt: Date; allocation: string; lotteryDrawnAt: Date | null },
  now = new Date(),
): WindowState {
  if (programme.allocation === 'lottery') return programme.lotteryDrawnAt ? 'open' : 'lottery'
  return openingState(programme, now)
}

/** Pick the Chinese or English variant of a bilingual field. */
export function localized<T extends Record<string, unknown>, K extends string>(record: T, field: K, lang: string): string {
  const key = `${field}${lang === 'en' ? 'En' : 'Zh'}`
  return String(record[key] ?? '')
}
