import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLang } from '~/components/hooks/use-lang'
import { formatTime } from '~/utils/time'

export type TodaySession = {
  id: string
  titleZh: string
  titleEn: string
  placeZh: string
  placeEn: string
  startsAt: string
  confirmed: number
}

export const title = (s: { titleZh: string; titleEn: string }, lang: string) => (lang === 'en' ? s.titleEn || s.titleZh : s.titleZh)

/** The door's first screen on a phone that keeps no list yet: which of today's sessions to keep. */
export function ChooseSessions({ sessions, onKeep }: { sessions: TodaySession[] | null; onKeep: (ids: string[]) => Promise<unknown> }) {
  const { t } = useTranslation()
  const lang = useLang()
  const [chosen, setChosen] = useState<string[]>([])
  if (!sessions) return <p className="form-error">{t('door.offlineNoList')}</p>
  if (sessions.length === 0) return <p>{t('door.noSessionsToday')}</p>
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault()
        void onKeep(chosen)
      }}
    >
      <fieldset>
        <legend>{t('door.chooseSessions')}</legend>
        {sessions.map((s) => (
          <label key={s.id} className="checkbox">
            <input
              type="checkbox"
              checked={chosen.includes(s.id)}
              onChange={(e) => setChosen((old) => (e.target.checked ? [...old, s.id] : old.filter((id) => id !== s.id)))}
            />{' '}
            {title(s, lang)} · {formatTime(new Date(s.startsAt), lang)} · {lang === 'en' ? s.placeEn || s.placeZh : s.placeZh} ·{' '}
            {t('door.confirmedCount', { count: s.confirmed })}
          </label>
        ))}
      </fieldset>
      <p className="hint">{t('door.keepHint')}</p>
      <button type="submit" className="primary" disabled={chosen.length === 0}>
        {t('door.keepList')}
      </button>
    </form>
  )
}
