import type { Language } from '~/i18n'
import { writeAudit } from '~/models/audit/audit.server'
import { toCsv } from '~/utils/csv.server'
import { write } from '~/utils/db.server'
import { formatDateTime } from '~/utils/time'
import { getRoster } from './roster.server'

type T = (key: string) => string

/**
 * The roster as CSV that Excel opens correctly with Chinese text, formulas neutralised
 * (app/utils/csv.server.ts).
 */
export async function rosterCsv(sessionId: string, lang: Language, t: T, options: { withNotes: boolean; actorId: string }) {
  const { rows } = await getRoster(sessionId)
  const withNotes = options.withNotes && rows.some((r) => r.notes)
  // health notes leave the site only when the organiser asked for them; the log says who did
  await write((tx) =>
    writeAudit(tx, { actorId: options.actorId, action: 'roster.exported', entity: 'Session', entityId: sessionId, data: { withNotes } }),
  )
  const columns = [
    'attendee',
    'status',
    'gender',
    'quota',
    'guardian',
    'phone',
    'email',
    ...(withNotes ? ['notes'] : []),
    'bookedAt',
    'checkedIn',
  ]
  const header = columns.map((k) => t(`organiser.csv.${k}`))
  const body = rows.map((r) => [
    r.attendee,
    t(`me.status.${r.status}`),
    r.gender ? t(`gender.${r.gender}`) : '',
    r.quotaCategory ? t(`gender.${r.quotaCategory}`) : '',
    r.guardian ?? '',
    r.phone,
    r.email,
    ...(withNotes ? [r.notes ?? ''] : []),
    formatDateTime(r.bookedAt, lang),
    r.checkedInAt ? formatDateTime(r.checkedInAt, lang) : '',
  ])
  return toCsv([header, ...body])
}
