/** When and where a session is: what every page that names a session shows (SessionWhen + place). */
export const sessionWhenWhereSelect = {
  id: true,
  startsAt: true,
  endsAt: true,
  repeatDays: true,
  repeatUntil: true,
  excludedDates: true,
  placeZh: true,
  placeEn: true,
} as const
