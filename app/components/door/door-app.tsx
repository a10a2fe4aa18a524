import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLang } from '~/components/hooks/use-lang'
import { formatTime } from '~/utils/time'
import { PersonPanel, StateText } from './person-panel'
import { ChooseSessions, title, type TodaySession } from './choose-sessions'
import { applyQueued, countsOf } from './door-list'
import { Scanner } from './scanner'
import {
  dismissRefused,
  dropList,
  loadDoor,
  queueRecord,
  saveList,
  settleRecords,
  type DoorPerson,
  type QueuedRecord,
  type RefusedRecord,
  type StoredList,
} from './store'

/** Most records a sync request carries (the server's DOOR_BATCH_MAX). */
const BATCH = 500
const RETRY_MS = 10_000

type Notice = { id: string; text: string; tone: 'ok' | 'warn' }

/**
 * The door on the organiser's own phone (docs/decisions/0021-door-offline.md): today's list kept
 * in IndexedDB, arrivals and pick-ups queued there and sent when the network lets them, the same
 * record never sent as two (each has the phone's own id). What it keeps and for how long:
 * docs/privacy.md.
 */
export function DoorApp({ userId, sessions }: { userId: string; sessions: TodaySession[] | null }) {
  const { t } = useTranslation()
  const lang = useLang()
  const [ready, setReady] = useState(false)
  const [list, setList] = useState<StoredList | null>(null)
  const [outbox, setOutbox] = useState<QueuedRecord[]>([])
  const [refused, setRefused] = useState<RefusedRecord[]>([])
  const [lastSync, setLastSync] = useState<string | null>(null)
  const [online, setOnline] = useState(true)
  const [syncing, setSyncing] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [notices, setNotices] = useState<Notice[]>([])
  const [query, setQuery] = useState('')
  const [selected, setSelected] = useState<string | null>(null)
  const [scanning, setScanning] = useState(false)
  const sending = useRef(false)

  const reload = useCallback(async () => {
    const stored = await loadDoor()
    let kept = stored.list
    // the list is for one account and one day; at the day's end (or for someone else) it goes
    if (kept && (kept.userId !== userId || new Date(kept.expiresAt) <= new Date())) {
      await dropList()
      kept = null
    }
    setList(kept)
    setOutbox(stored.outbox)
    setRefused(stored.refused)
    setLastSync(stored.lastSync)
    setReady(true)
    return stored.outbox
  }, [userId])

  const sync = useCallback(async () => {
    if (sending.current) return
    const waiting = (await loadDoor()).outbox.filter((r) => r.userId === userId)
    if (waiting.length === 0 || !navigator.onLine) return
    sending.current = true
    setSyncing(true)
    try {
      for (let i = 0; i < waiting.length; i += BATCH) {
        const batch = waiting.slice(i, i + BATCH)
        const response = await fetch('/organiser/door/sync', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          credentials: 'same-origin',
          body: JSON.stringify({ records: batch.map(({ userId: _u, name: _n, ...record }) => record) }),
        })
        const body = (await response.json().catch(() => ({}))) as {
          results?: { id: string; outcome: string; error?: string }[]
          error?: string
        }
        if (!response.ok || !body.results) {
          // signed out, or the server cannot take them now: they stay queued
          setProblem(body.error ?? 'door.syncFailed')
          return
        }
        await settleRecords(batch, body.results, new Date().toISOString())
        setProblem(null)
        const byId = new Map(batch.map((r) => [r.id, r]))
        const fresh: Notice[] = body.results
          .filter((r) => r.outcome === 'conflict' || r.outcome === 'review')
          .map((r) => ({
            id: r.id,
            tone: 'warn',
            text: t(r.outcome === 'conflict' ? 'door.conflictKept' : 'door.reviewKept', { name: byId.get(r.id)?.name ?? '' }),
          }))
        if (fresh.length) setNotices((old) => [...fresh, ...old].slice(0, 5))
      }
    } catch {
      setProblem('door.syncFailed')
    } finally {
      sending.current = false
      setSyncing(false)
      await reload()
    }
  }, [reload, t, userId])

  useEffect(() => {
    setOnline(navigator.onLine)
    void reload().then(() => sync())
    const up = () => {
      setOnline(true)
      void sync()
    }
    const down = () => setOnline(false)
    window.addEventListener('online', up)
    window.addEventListener('offline', down)
    const timer = setInterval(() => void sync(), RETRY_MS)
    // the page (and its scripts) for the next time there is no network
    if ('serviceWorker' in navigator) navigator.serviceWorker.register('/door-sw.js', { scope: '/organiser/door' }).catch(() => {})
    return () => {
      window.removeEventListener('online', up)
      window.removeEventListener('offline', down)
      clearInterval(timer)
    }
  }, [reload, sync])

  async function keepList(ids: string[]) {
    setProblem(null)
    const params = new URLSearchParams(ids.map((id) => ['session', id]))
    try {
      const response = await fetch(`/organiser/door/list?${params}`, { credentials: 'same-origin' })
      const body = await response.json()
      if (!response.ok) return setProblem(body.error ?? 'door.listFailed')
      // records still queued here keep the state the door gave them
      const queued = (await loadDoor()).outbox
      const fresh = applyQueued(body as StoredList, queued)
      await saveList(fresh)
      setList(fresh)
    } catch {
      setProblem('door.listFailed')
    }
  }

  async function record(
    person: DoorPerson,
    kind: QueuedRecord['kind'],
    collector?: { collector: string; otherName?: string; reason?: string },
  ) {
    if (!list) return
    const queued: QueuedRecord = {
      id: crypto.randomUUID(),
      kind,
      bookingId: person.bookingId,
      sessionId: person.sessionId,
      at: new Date().toISOString(),
      ...collector,
      userId,
      name: person.name,
    }
    const next = applyQueued(list, [queued])
    await queueRecord(queued, next)
    setList(next)
    setOutbox((old) => [...old, queued])
    setNotices((old) => [
      {
        id: queued.id,
        tone: 'ok' as const,
        text: t(kind === 'arrival' ? 'door.arrivedNoted' : 'door.collectedNoted', { name: person.name }),
      },
      ...old,
    ])
    setSelected(null)
    setQuery('')
    void sync()
  }

  const onCode = useCallback(
    (bookingId: string) => {
      setScanning(false)
      const person = list?.people.find((p) => p.bookingId === bookingId)
      if (person) setSelected(person.bookingId)
      else setProblem('door.codeNotOnList')
    },
    [list],
  )

  const shown = useMemo(() => {
    const q = query.trim().toLowerCase()
    const people = list?.people ?? []
    return q ? people.filter((p) => p.name.toLowerCase().includes(q) || (p.guardian ?? '').toLowerCase().includes(q)) : people
  }, [list, query])
  const person = list?.people.find((p) => p.bookingId === selected) ?? null
  const mine = outbox.filter((r) => r.userId === userId)
  const counts = list ? countsOf(list.people) : null

  if (!ready) return <p role="status">{t('door.opening')}</p>
  return (
    <div className="door">
      <p className={`door-status${online ? ' online' : ' offline'}`} role="status" data-testid="door-status">
        <strong>{online ? t('door.online') : t('door.offline')}</strong> · {t('door.waiting', { count: mine.length })}
        {syncing ? ` · ${t('door.sending')}` : ''} ·{' '}
        {lastSync ? t('door.lastSync', { time: formatTime(new Date(lastSync), lang) }) : t('door.neverSynced')}
      </p>
      {mine.length < outbox.length ? (
        <p className="form-error">{t('door.otherAccountRecords', { count: outbox.length - mine.length })}</p>
      ) : null}
      {problem ? (
        <p className="form-error" role="alert">
          {t(problem)}
        </p>
      ) : null}
      {refused.length ? (
        <section className="door-refused" role="alert" aria-labelledby="door-refused-title">
          <h2 id="door-refused-title">{t('door.refusedTitle')}</h2>
          <ul>
            {refused.map((r) => (
              <li key={r.id}>
                {r.name} · {t(r.kind === 'arrival' ? 'door.kindArrival' : 'door.kindPickup')} · {formatTime(new Date(r.at), lang)} —{' '}
                {t(r.error)}{' '}
                <button type="button" onClick={() => void dismissRefused(r.id).then(reload)}>
                  {t('door.seen')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {notices.length ? (
        <ul className="door-notices" aria-live="polite">
          {notices.map((n) => (
            <li key={n.id} className={n.tone === 'warn' ? 'form-error' : 'notice'}>
              {n.text}
            </li>
          ))}
        </ul>
      ) : null}
      {!list ? (
        <ChooseSessions sessions={sessions} onKeep={keepList} />
      ) : (
        <>
          <p>
            {list.sessions.map((s) => `${title(s, lang)} ${formatTime(new Date(s.startsAt), lang)}`).join(' · ')}
            {counts ? ` — ${t('door.counts', counts)}` : ''}
          </p>
          <p className="door-actions">
            <button type="button" className="primary" onClick={() => setScanning(true)}>
              {t('door.scan')}
            </button>{' '}
            {online && sessions ? (
              <button type="button" onClick={() => void keepList(list.sessions.map((s) => s.id))}>
                {t('door.refreshList')}
              </button>
            ) : null}{' '}
            {online ? (
              <button type="button" onClick={() => void dropList().then(reload)}>
                {t('door.otherSessions')}
              </button>
            ) : null}
          </p>
          {scanning ? <Scanner onCode={onCode} onClose={() => setScanning(false)} /> : null}
          {person ? (
            <PersonPanel person={person} onRecord={record} onClose={() => setSelected(null)} />
          ) : (
            <>
              <label className="door-search">
                {t('door.searchLabel')}
                <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" />
              </label>
              <ul className="door-people">
                {shown.map((p) => (
                  <li key={p.bookingId}>
                    <button type="button" className="door-person" onClick={() => setSelected(p.bookingId)}>
                      <span className="door-name">
                        {p.name}
                        {p.medical ? <span className="door-medical"> ⚠ {t('door.medical')}</span> : null}
                      </span>
                      <StateText person={p} />
                    </button>
                  </li>
                ))}
              </ul>
              {shown.length === 0 ? <p>{t('door.nobody')}</p> : null}
            </>
          )}
        </>
      )}
    </div>
  )
}
