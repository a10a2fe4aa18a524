import { useTranslation } from 'react-i18next'
import { holidays, meetingDays } from '~/models/programme/recurrence'
import { formatDate, formatDay, formatTime, formatWeekdays } from '~/utils/time'
import { useLang } from '~/components/hooks/use-lang'

/** When a session meets: its first day and hours, and for a term its weekdays, count and holidays. */
export function SessionWhen({
  session,
}: {
  session: { startsAt: Date; endsAt: Date; repeatDays: string | null; repeatUntil: Date | null; excludedDates?: string | null }
}) {
  const { t } = useTranslation()
  const lang = useLang()
  // the same days the calendar invite expands to (models/programme/recurrence)
  const meetings = session.repeatDays && session.repeatUntil ? meetingDays({ excludedDates: null, ...session }).length : 0
  const off = holidays({ excludedDates: session.excludedDates ?? null })
  return (
    <>
      <time dateTime={session.startsAt.toISOString()}>
        {formatDate(session.startsAt, lang)} {formatTime(session.startsAt, lang)}–{formatTime(session.endsAt, lang)}
      </time>
      {session.repeatDays && session.repeatUntil ? (
        <span className="muted">
          {' '}
          · {t('programme.repeats', { days: formatWeekdays(session.repeatDays, lang), until: formatDate(session.repeatUntil, lang) })}
          {' · '}
          {t('programme.meetings', { count: meetings })}
          {off.length > 0
            ? ` · ${t('programme.holidays', { days: off.map((day) => formatDay(day, lang)).join(lang === 'en' ? ', ' : '、') })}`
            : null}
        </span>
      ) : null}
    </>
  )
}
