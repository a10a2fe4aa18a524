import type { Language } from '~/i18n'
import { writeAudit } from '~/models/audit/audit.server'
import { toCsv } from '~/utils/csv.server'
import { write } from '~/utils/db.server'
import { formatDateTime } from '~/utils/time'
import { getRoster } from './roster.server'
import { answerText } from '~/models/questions/shared'

type T = (key: string) => string

/**
 * The roster as CSV that Excel opens correctly with Chinese text, formulas neutralised
 * (app/utils/csv.server.ts).
 */
export async function rosterCsv(sessionId: string, lang: Language, t: T, options: { withNotes: boolean; actorId: string; day?: string }) {
  // the day's arrival and pick-up (the roster's day), and each attendee's progress where the
  // programme has a completion rule: after the last meeting, the final completion list
  const { rows, hasCompletionRule: hasRule, questions } = await getRoster(sessionId, { day: options.day })
  const withNotes = options.withNotes && rows.some((r) => r.notes || r.sensitiveShown)
  // one column per question; a sensitive one only in the export with health notes
  const asked = questions.filter((q) => withNotes || !q.sensitive)
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
    'collected',
    ...(hasRule ? ['attended', 'completion'] : []),
  ]
  const header = [...columns.map((k) => t(`organiser.csv.${k}`)), ...asked.map((q) => (lang === 'en' ? q.labelEn || q.labelZh : q.labelZh))]
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
    r.today?.arrivedAt ? formatDateTime(r.today.arrivedAt, lang) : '',
    r.today?.leftAt ? `${formatDateTime(r.today.leftAt, lang)} ${r.today.collectedByName ?? ''}`.trim() : '',
    ...(hasRule ? [`${r.progress.attended}/${r.progress.meetings}`, r.progress.completed ? t('attendance.completed') : ''] : []),
    ...asked.map((q) => (q.id in r.answers ? answerText(q, r.answers[q.id], lang) : '')),
  ])
  return toCsv([header, ...body])
}
