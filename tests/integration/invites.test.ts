import ICAL from 'ical.js'
import nodeIcal from 'node-ical'
import { describe, expect, test } from 'vitest'
import { bookSession } from '~/models/booking/book-session.server'
import { bookingIcs, calendarFeed } from '~/models/mail/calendar.server'
import { cancelBooking } from '~/models/booking/cancel-booking.server'
import { acceptOffer } from '~/models/booking/offers.server'
import { deliverDueMail } from '~/models/mail/outbox-worker.server'
import { meetingDays } from '~/models/programme/recurrence'
import { rescheduleSession } from '~/models/programme/reschedule-session.server'
import { db } from '~/utils/db.server'
import { addDays, shanghaiTime } from '~/utils/time'
import { testClock } from '../clock'
import { createChild, createDepartment, createProgramme, createSession, createUser } from '../factories'
import { calendarOf, useSmtpSink } from './smtp-sink'

// Every kind of invite the product sends, read by two calendar libraries that share no code
// with ical-generator (which writes them) nor with each other: Mozilla's ical.js (Thunderbird)
// and node-ical (rrule-temporal). Both must expand each event to exactly the days the site
// shows for the session (meetingDays), at the right Shanghai time — and the text must keep
// RFC 5545's letter: UNTIL and DTSTAMP in UTC, no empty property, no invented property.

const smtp = useSmtpSink()
const deliver = () =>
  deliverDueMail({ owner: 'invite-test', transporter: smtp.current.transporter(), from: 'Carnation <no-reply@carnation.test>' })

/** Unfolded content lines (RFC 5545 §3.1). */
function contentLines(text: string) {
  return text
    .replace(/\r\n[ \t]/g, '')
    .split(/\r\n/)
    .filter(Boolean)
}

/** The letter of RFC 5545 where our generator got it wrong before. */
function expectWellFormed(text: string) {
  const lines = contentLines(text)
  for (const line of lines) {
    expect(line, 'a property with an empty value').not.toMatch(/^[A-Z-]+(;[^:]*)?:$/)
  }
  expect(
    lines.filter((l) => l.startsWith('TIMEZONE-ID')),
    'TIMEZONE-ID is not an iCalendar property',
  ).toEqual([])
  for (const stamp of lines.filter((l) => l.startsWith('DTSTAMP'))) expect(stamp).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/)
  for (const rule of lines.filter((l) => l.startsWith('RRULE'))) expect(rule).toMatch(/UNTIL=\d{8}T\d{6}Z(;|$)/)
  for (const start of lines.filter((l) => l.startsWith('DTSTART;'))) expect(start).toMatch(/^DTSTART;TZID=Asia\/Shanghai:\d{8}T\d{6}$/)
}

type Occurrences = Map<string, string[]> // UID → ISO instants of each meeting's start

function expandWithIcalJs(text: string): Occurrences {
  const calendar = new ICAL.Component(ICAL.parse(text))
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone)
  const result: Occurrences = new Map()
  for (const vevent of calendar.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(vevent)
    const starts: string[] = []
    const iterator = event.iterator()
    for (let next = iterator.next(); next && starts.length < 400; next = iterator.next()) {
      starts.push(next.toJSDate().toISOString())
    }
    result.set(String(event.uid), starts)
  }
  return result
}

function expandWithNodeIcal(text: string): Occurrences {
  const parsed = nodeIcal.sync.parseICS(text)
  const result: Occurrences = new Map()
  for (const component of Object.values(parsed)) {
    if (!component || component.type !== 'VEVENT') continue
    const start = component.start as Date
    const instances = nodeIcal.expandRecurringEvent(component, {
      from: new Date(start.getTime() - 24 * 3600_000),
      to: new Date(start.getTime() + 800 * 24 * 3600_000),
    })
    result.set(
      String(component.uid),
      instances.map((i) => new Date(i.start).toISOString()),
    )
  }
  return result
}

/** What the site shows for a booking's session: its meeting days at its start time. */
async function siteMeetings(bookingId: string) {
  const { session, icalUid } = await db.booking.findUniqueOrThrow({ where: { id: bookingId }, include: { session: true } })
  const time = new Date(session.startsAt.getTime() + 8 * 3600_000).toISOString().slice(11, 16)
  return { uid: icalUid, starts: meetingDays(session).map((day) => shanghaiTime(day, time).toISOString()) }
}

/** Read one invite (or feed) with both parsers; each booking's event must expand to the site's days. */
async function expectExpandsToSite(text: string, bookingIds: string[]) {
  expectWellFormed(text)
  const byIcalJs = expandWithIcalJs(text)
  const byNodeIcal = expandWithNodeIcal(text)
  expect(byIcalJs.size).toBe(bookingIds.length)
  for (const bookingId of bookingIds) {
    const site = await siteMeetings(bookingId)
    expect(byIcalJs.get(site.uid), 'ical.js').toEqual(site.starts)
    expect(byNodeIcal.get(site.uid), 'node-ical').toEqual(site.starts)
  }
}

/** The invites mailed so far, oldest first, with their METHOD. */
function mailedInvites() {
  return smtp.current.received.flatMap(({ parsed }) => {
    const part = calendarOf(parsed)
    return part ? [{ subject: parsed.subject ?? '', method: /METHOD:(\w+)/.exec(part.text)?.[1], text: part.text }] : []
  })
}

async function world(options: { waitlistMode?: 'auto' | 'offer'; capacity?: number } = {}) {
  const clock = testClock()
  const dept = await createDepartment(db, { email: 'women@union.example.cn', nameZh: '女工部', nameEn: 'Women Workers' })
  const camp = await createProgramme(
    db,
    dept.id,
    { kind: 'camp', audience: 'child', titleZh: '暑托班', titleEn: 'Summer camp', ...options },
    clock.now,
  )
  const course = await createProgramme(db, dept.id, { titleZh: '育婴员培训', titleEn: 'Childcare course', ...options }, clock.now)
  return { clock, dept, camp, course }
}

/** A weekly session from `first` to `lastAfter` days later, at the same hours each day. */
function repeating(
  programmeId: string,
  s: { first: string; hours: [string, string]; days: string; lastAfter: number; off?: string; capacity?: number },
  now: Date,
) {
  return createSession(
    db,
    programmeId,
    {
      startsAt: shanghaiTime(s.first, s.hours[0]),
      endsAt: shanghaiTime(s.first, s.hours[1]),
      repeatDays: s.days,
      repeatUntil: shanghaiTime(addDays(s.first, s.lastAfter), s.hours[1]),
      ...(s.off ? { excludedDates: s.off } : {}),
      ...(s.capacity ? { capacity: s.capacity } : {}),
    },
    now,
  )
}

async function book(
  userId: string,
  sessionId: string,
  attendee: { kind: 'child'; childId: string } | { kind: 'self'; userId: string },
  now: Date,
) {
  const [outcome] = await bookSession({ userId, sessionId, attendees: [attendee], now })
  expect(outcome).toHaveProperty('bookingId')
  return (outcome as { bookingId: string }).bookingId
}

describe('invites every calendar expands the same way', () => {
  test('camp terms with and without holidays: confirm invites, the feed and the download', async () => {
    const { clock, camp } = await world()
    const first = clock.mondayAfter(90)
    // three weeks of weekdays, second Wednesday off — and the next three weeks, no holiday
    const withHoliday = await repeating(
      camp.id,
      { first, hours: ['08:30', '17:00'], days: 'MO,TU,WE,TH,FR', lastAfter: 18, off: addDays(first, 9) },
      clock.now,
    )
    const second = addDays(first, 21)
    const noHoliday = await repeating(
      camp.id,
      { first: second, hours: ['08:30', '17:00'], days: 'MO,TU,WE,TH,FR', lastAfter: 18 },
      clock.now,
    )
    const parent = await createUser(db, { name: '王芳', locale: 'zh-CN' })
    const child = await createChild(db, parent.id, { name: '李小明' })
    const a = await book(parent.id, withHoliday.id, { kind: 'child', childId: child.id }, clock.now)
    const b = await book(parent.id, noHoliday.id, { kind: 'child', childId: child.id }, clock.now)
    expect((await siteMeetings(a)).starts).toHaveLength(14)
    expect((await siteMeetings(b)).starts).toHaveLength(15)

    await deliver()
    const invites = mailedInvites()
    expect(invites.map((i) => i.method)).toEqual(['REQUEST', 'REQUEST'])
    await expectExpandsToSite(invites[0].text, [a])
    await expectExpandsToSite(invites[1].text, [b])
    expect(invites[1].text, 'no EXDATE without holidays').not.toContain('EXDATE')

    const { calendarToken } = await db.user.findUniqueOrThrow({ where: { id: parent.id } })
    await expectExpandsToSite((await calendarFeed(calendarToken))!, [a, b])
    await expectExpandsToSite((await bookingIcs(parent.id, a, 'en'))!, [a])
  })

  test('a weekly course moved from 09:00 to 14:00 still meets five Saturdays; change and cancel invites say so', async () => {
    const { clock, course } = await world()
    const saturday = addDays(clock.mondayAfter(60), 5)
    const session = await repeating(course.id, { first: saturday, hours: ['09:00', '11:30'], days: 'SA', lastAfter: 28 }, clock.now)
    const member = await createUser(db, { locale: 'en' })
    const bookingId = await book(member.id, session.id, { kind: 'self', userId: member.id }, clock.now)
    await rescheduleSession(
      session.id,
      {
        startsAt: shanghaiTime(saturday, '14:00'),
        endsAt: shanghaiTime(saturday, '16:30'),
        placeZh: '二楼教室',
        placeEn: 'Room 2',
      },
      null,
    )
    const site = await siteMeetings(bookingId)
    expect(site.starts).toHaveLength(5)
    expect(site.starts.every((s) => s.endsWith('T06:00:00.000Z'))).toBe(true) // 14:00 in Shanghai
    await cancelBooking({ bookingId, userId: member.id, now: clock.now })

    await deliver()
    const invites = mailedInvites()
    expect(invites.map((i) => i.method)).toEqual(['REQUEST', 'REQUEST', 'CANCEL'])
    // the first invite was built when the mail went out, after the move: all three carry the new times
    for (const invite of invites) await expectExpandsToSite(invite.text, [bookingId])
  })

  test('a session moved to another weekday moves as a whole: same number of meetings, new weekday', async () => {
    const { clock, course } = await world()
    const saturday = addDays(clock.mondayAfter(60), 5)
    const session = await repeating(
      course.id,
      { first: saturday, hours: ['09:00', '11:30'], days: 'SA', lastAfter: 28, off: addDays(saturday, 14) },
      clock.now,
    )
    const member = await createUser(db)
    const bookingId = await book(member.id, session.id, { kind: 'self', userId: member.id }, clock.now)
    const sunday = addDays(saturday, 1)
    await rescheduleSession(
      session.id,
      {
        startsAt: shanghaiTime(sunday, '09:00'),
        endsAt: shanghaiTime(sunday, '11:30'),
        placeZh: '二楼教室',
        placeEn: 'Room 2',
      },
      null,
    )
    const moved = await db.session.findUniqueOrThrow({ where: { id: session.id } })
    expect(moved.repeatDays).toBe('SU')
    expect(moved.excludedDates).toBe(addDays(sunday, 14))
    expect(meetingDays(moved)).toEqual([0, 7, 21, 28].map((n) => addDays(sunday, n)))
    await deliver()
    for (const invite of mailedInvites()) await expectExpandsToSite(invite.text, [bookingId])
  })

  test('promotion from the waitlist and an accepted offer carry a full invite', async () => {
    for (const waitlistMode of ['auto', 'offer'] as const) {
      const { clock, camp } = await world({ waitlistMode })
      const first = clock.mondayAfter(90)
      const term = await repeating(
        camp.id,
        { first, hours: ['08:30', '17:00'], days: 'MO,WE,FR', lastAfter: 11, off: addDays(first, 2), capacity: 1 },
        clock.now,
      )
      const [first1, second1] = [await createUser(db), await createUser(db)]
      const [c1, c2] = [await createChild(db, first1.id), await createChild(db, second1.id)]
      const taken = await book(first1.id, term.id, { kind: 'child', childId: c1.id }, clock.now)
      const waiting = await book(second1.id, term.id, { kind: 'child', childId: c2.id }, clock.now)
      await cancelBooking({ bookingId: taken, userId: first1.id, now: clock.now })
      if (waitlistMode === 'offer') {
        expect(await acceptOffer({ bookingId: waiting, userId: second1.id, now: clock.now })).toMatchObject({ ok: true })
      }
      smtp.current.received.length = 0
      await deliver()
      const kinds = await db.outboxMessage.findMany({ where: { bookingId: waiting }, select: { kind: true } })
      expect(kinds.map((k) => k.kind)).toContain(waitlistMode === 'auto' ? 'promoted' : 'booking-confirmed')
      const requests = smtp.current.received
        .filter((m) => m.parsed.to && JSON.stringify(m.parsed.to).includes(second1.email))
        .flatMap((m) => (calendarOf(m.parsed) ? [calendarOf(m.parsed)!.text] : []))
      expect(requests.length).toBeGreaterThan(0)
      for (const text of requests) await expectExpandsToSite(text, [waiting])
      expect((await siteMeetings(waiting)).starts).toHaveLength(5)
    }
  })
})
