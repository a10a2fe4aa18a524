import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { useLang } from '~/components/hooks/use-lang'
import { formatDay, formatTime } from '~/utils/time'

type DoorRecordRow = {
  id: string
  day: string
  kind: string
  outcome: string
  error: string | null
  collectorName: string | null
  reason: string | null
  deviceAt: Date | string
  booking: { child: { name: string } | null; attendeeUser: { name: string } | null; booker: { name: string } }
}

/** On the roster: what the doors recorded that waits for an organiser (conflicts, pick-ups by someone not on the list). */
export function DoorRecordsToSettle({ records }: { records: DoorRecordRow[] }) {
  const { t } = useTranslation()
  const lang = useLang()
  if (records.length === 0) return null
  return (
    <section className="panel" aria-labelledby="door-settle-title" data-testid="door-settle">
      <h2 id="door-settle-title">
        {t('door.settleTitle')} ({records.length})
      </h2>
      <p className="hint">{t('door.settleHint')}</p>
      <ul>
        {records.map((r) => {
          const name = r.booking.child?.name ?? r.booking.attendeeUser?.name ?? r.booking.booker.name
          return (
            <li key={r.id}>
              <strong>{t(`door.outcome.${r.outcome}`)}</strong> · {formatDay(r.day, lang)} ·{' '}
              {t('door.recordLine', {
                name,
                kind: t(r.kind === 'arrival' ? 'door.kindArrival' : 'door.kindPickup'),
                time: formatTime(new Date(r.deviceAt), lang),
              })}
              {r.error ? ` — ${t(`door.why.${r.error.split('.').pop()}`)}` : ''}
              {r.reason ? ` · ${t('door.byOther', { name: r.collectorName ?? '', reason: r.reason })}` : ''}{' '}
              <Form method="post" className="inline-form">
                <input type="hidden" name="recordId" value={r.id} />
                <button type="submit" name="intent" value="settle-door" aria-label={`${t('door.settle')} · ${name}`}>
                  {t('door.settle')}
                </button>
              </Form>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
