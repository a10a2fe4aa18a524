import type { Language } from '~/i18n'
import { toCsv } from '~/utils/csv.server'
import { formatDateTime } from '~/utils/time'
import { getRoster } from './roster.server'

type T = (key: string) => string

/**
 * The roster as CSV that Excel opens correctly with Chinese text, formulas neutralised
 * (app/utils/csv.server.ts).
 */
export async function rosterCsv(sessionId: string, lang: Language, t: T) {
  const { rows } = await getRoster(sessionId)
  const header = ['attendee', 'status', 'gender', 'quota', 'guardian', 'phone', 'email', 'notes', 'bookedAt', 'checkedIn'].map((k) =>
    t(`organiser.csv.${k}`),
  )
  const body = rows.map((r) => [
    r.attendee,
    t(`me.status.${r.status}`),
    r.gender ? t(`gender.${r.gender}`) : '',
    r.quotaCategory ? t(`gender.${r.quotaCategory}`) : '',
    r.guardian ?? '',
    r.phone,
    r.email,
    r.notes ?? '',
    formatDateTime(r.bookedAt, lang),
    r.checkedInAt ? formatDateTime(r.checkedInAt, lang) : '',
  ])
  return toCsv([header, ...body])
}
