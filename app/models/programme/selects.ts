/** When and where a session is: what every page that names a session shows (SessionWhen + place). */
export const sessionWhenWhereSelect = {
  id: true,
  startsAt: true,
  endsAt: true,
  repeatDays: true,
  repeatUntil: true,
  placeZh: true,
  placeEn: true,
} as const
