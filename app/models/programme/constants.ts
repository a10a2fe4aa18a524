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

export type WindowState = 'not-open' | 'open' | 'closed'

export function bookingWindowState(programme: { bookingOpensAt: Date; bookingClosesAt: Date }, now = new Date()): WindowState {
  if (now < programme.bookingOpensAt) return 'not-open'
  if (now >= programme.bookingClosesAt) return 'closed'
  return 'open'
}

/** Pick the Chinese or English variant of a bilingual field. */
export function localized<T extends Record<string, unknown>, K extends string>(record: T, field: K, lang: string): string {
  const key = `${field}${lang === 'en' ? 'En' : 'Zh'}`
  return String(record[key] ?? '')
}
