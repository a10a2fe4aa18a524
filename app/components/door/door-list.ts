import type { DoorPerson, QueuedRecord, StoredList } from './store'

/** The list as the door's own queued records leave it (the server's answer comes later). */
export function applyQueued(list: StoredList, records: QueuedRecord[]): StoredList {
  if (records.length === 0) return list
  const people = list.people.map((p) => {
    let today = p.today
    for (const r of records.filter((q) => q.bookingId === p.bookingId)) {
      if (r.kind === 'arrival' && today.state !== 'present' && today.state !== 'left')
        today = { state: 'present', arrivedAt: r.at, leftAt: null, by: null }
      if (r.kind === 'pickup' && today.state === 'present') {
        const listed = p.pickups.find((x) => `p:${x.id}` === r.collector)
        const by = r.collector === 'guardian' ? (p.guardian ?? '') : listed ? `${listed.name} (${listed.relation})` : (r.otherName ?? '')
        today = { ...today, state: 'left', leftAt: r.at, by }
      }
    }
    return today === p.today ? p : { ...p, today }
  })
  return { ...list, people }
}

/** The door's three counts: confirmed, arrived (still here or gone home), gone home. */
export function countsOf(people: DoorPerson[]) {
  const confirmed = people.filter((p) => p.status === 'confirmed')
  return {
    confirmed: confirmed.length,
    arrived: confirmed.filter((p) => p.today.state === 'present' || p.today.state === 'left').length,
    left: confirmed.filter((p) => p.today.state === 'left').length,
  }
}
