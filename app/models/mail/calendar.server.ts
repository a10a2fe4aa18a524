import { toLanguage } from '~/i18n'
import { bookingEvent, bookingEventInclude } from '~/models/mail/booking-event.server'
import { buildFeed } from '~/models/mail/invite.server'
import { newCalendarToken } from '~/models/user/calendar-token.server'
import { db, write } from '~/utils/db.server'

/** The private feed behind /calendar/<token>.ics: the member's and their children's confirmed sessions. */
export async function calendarFeed(token: string) {
  const user = await db.user.findUnique({ where: { calendarToken: token }, select: { id: true, name: true, locale: true } })
  if (!user) return null
  const lang = toLanguage(user.locale)
  const bookings = await db.booking.findMany({
    where: { bookerId: user.id, status: 'confirmed' },
    include: bookingEventInclude,
    orderBy: { session: { startsAt: 'asc' } },
  })
  return buildFeed(
    `康乃馨 · ${user.name}`,
    bookings.map((b) => bookingEvent(b, lang)),
  )
}

/** One confirmed booking as a .ics file, for the member who made it. */
export async function bookingIcs(userId: string, bookingId: string, lang: string) {
  const booking = await db.booking.findFirst({
    where: { id: bookingId, bookerId: userId, status: 'confirmed' },
    include: bookingEventInclude,
  })
  return booking ? buildFeed('康乃馨 Carnation', [bookingEvent(booking, toLanguage(lang))]) : null
}

export function getCalendarToken(userId: string) {
  return db.user.findUniqueOrThrow({ where: { id: userId }, select: { calendarToken: true } })
}

/** A new secret: the old feed URL stops working at once. */
export function resetCalendarToken(userId: string) {
  return write((tx) =>
    tx.user.update({ where: { id: userId }, data: { calendarToken: newCalendarToken() }, select: { calendarToken: true } }),
  )
}
