import { useTranslation } from 'react-i18next'
import type { getRoster } from '~/models/organiser/roster.server'
import { formatDay, formatTime, type Lang } from '~/utils/time'
import { useLang } from '~/components/hooks/use-lang'

type Roster = Awaited<ReturnType<typeof getRoster>>

/** The words for a record another door made first: "already arrived at 08:12", "collected 17:05 by …". */
export function existingParams(
  existing: { arrivedAt: Date | string | null; leftAt: Date | string | null; by: string | null } | undefined,
  lang: Lang,
) {
  if (!existing) return {}
  return {
    arrived: existing.arrivedAt ? formatTime(new Date(existing.arrivedAt), lang) : '',
    left: existing.leftAt ? formatTime(new Date(existing.leftAt), lang) : '',
    by: existing.by ?? '',
  }
}

/** The day's counts at the top of the roster, and after the day's end the late pick-up list with the guardians' phones. */
export function DayRegister({ roster }: { roster: Roster; sessionId: string }) {
  const { t } = useTranslation()
  const lang = useLang()
  const r = roster.register
  return (
    <section className="card day-register" aria-labelledby="day-register-title">
      <h2 id="day-register-title">
        {t('attendance.registerTitle', { day: formatDay(roster.day, lang) })}
        {roster.meetsOnDay ? '' : ` · ${t('attendance.noMeeting')}`}
      </h2>
      <p className="register-counts">
        {t('attendance.counts', { expected: r.expected, present: r.present, left: r.left, absent: r.absent, excused: r.excused })}
      </p>
      {roster.latePickups.length > 0 ? (
        <div className="late-pickups" role="alert">
          <h3>{t('attendance.latePickups', { count: roster.latePickups.length })}</h3>
          <ul>
            {roster.latePickups.map((row) => (
              <li key={row.id}>
                {row.attendee} · {t('organiser.guardian', { name: row.guardian ?? '' })} · <a href={`tel:${row.phone}`}>{row.phone}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  )
}
