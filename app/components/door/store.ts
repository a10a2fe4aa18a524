import { openDB, type DBSchema, type IDBPDatabase } from 'idb'

// What the door keeps on the organiser's phone (docs/privacy.md, ADR 0021), in IndexedDB through
// idb: today's list, the records not yet confirmed by the server, the refusals not yet seen, and
// when the last sync was. Each write that changes a record and the list's view of it is one
// IndexedDB transaction, so a tab closed (or a battery dead) between two scans loses nothing.

export type DoorState = 'expected' | 'present' | 'left' | 'absent' | 'excused'
export type DoorPerson = {
  bookingId: string
  sessionId: string
  name: string
  guardian: string | null
  isChild: boolean
  status: string
  badgeNo: number | null
  medical: boolean
  pickups: { id: string; name: string; relation: string }[]
  /** answers to the questions the organiser marked for the door */
  answers?: { labelZh: string; labelEn: string; textZh: string; textEn: string }[]
  today: { state: DoorState; arrivedAt: string | null; leftAt: string | null; by: string | null }
}
export type StoredList = {
  userId: string
  day: string
  expiresAt: string
  savedAt: string
  sessions: { id: string; titleZh: string; titleEn: string; placeZh: string; placeEn: string; startsAt: string; endsAt: string }[]
  people: DoorPerson[]
}
/** A record made at the door, as it waits to be sent (the fields the sync endpoint takes, and who made it). */
export type QueuedRecord = {
  id: string
  kind: 'arrival' | 'pickup'
  bookingId: string
  sessionId: string
  at: string
  collector?: string
  otherName?: string
  reason?: string
  userId: string
  name: string
}
export type RefusedRecord = QueuedRecord & { error: string }

interface DoorDB extends DBSchema {
  list: { key: 'today'; value: StoredList }
  outbox: { key: string; value: QueuedRecord }
  refused: { key: string; value: RefusedRecord }
  meta: { key: 'lastSync'; value: string }
}

let opened: Promise<IDBPDatabase<DoorDB>> | null = null
function database() {
  opened ??= openDB<DoorDB>('carnation-door', 1, {
    upgrade(db) {
      db.createObjectStore('list')
      db.createObjectStore('outbox', { keyPath: 'id' })
      db.createObjectStore('refused', { keyPath: 'id' })
      db.createObjectStore('meta')
    },
  })
  return opened
}

export async function loadDoor() {
  const db = await database()
  const [list, outbox, refused, lastSync] = await Promise.all([
    db.get('list', 'today'),
    db.getAll('outbox'),
    db.getAll('refused'),
    db.get('meta', 'lastSync'),
  ])
  return { list: list ?? null, outbox: outbox.sort((a, b) => a.at.localeCompare(b.at)), refused, lastSync: lastSync ?? null }
}

export async function saveList(list: StoredList) {
  await (await database()).put('list', list, 'today')
}

/** The day is over, or another account signed in: the list goes (queued records stay until sent). */
export async function dropList() {
  await (await database()).delete('list', 'today')
}

/** A record and the list as it now reads, in one transaction. */
export async function queueRecord(record: QueuedRecord, list: StoredList) {
  const db = await database()
  const tx = db.transaction(['outbox', 'list'], 'readwrite')
  await Promise.all([tx.objectStore('outbox').put(record), tx.objectStore('list').put(list, 'today'), tx.done])
}

/** The server's answers: confirmed records leave the queue, refused ones wait to be seen. */
export async function settleRecords(sent: QueuedRecord[], results: { id: string; outcome: string; error?: string }[], at: string) {
  const db = await database()
  const tx = db.transaction(['outbox', 'refused', 'meta'], 'readwrite')
  const byId = new Map(sent.map((r) => [r.id, r]))
  for (const result of results) {
    const record = byId.get(result.id)
    if (!record) continue
    if (result.outcome === 'refused') await tx.objectStore('refused').put({ ...record, error: result.error ?? 'errors.badRequest' })
    await tx.objectStore('outbox').delete(result.id)
  }
  await tx.objectStore('meta').put(at, 'lastSync')
  await tx.done
}

export async function dismissRefused(id: string) {
  await (await database()).delete('refused', id)
}
