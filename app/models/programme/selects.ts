/** When a session meets: its first meeting and, for a series, its weekdays, last day and holidays (recurrence.ts). */
export const sessionWhenSelect = {
  startsAt: true,
  endsAt: true,
  repeatDays: true,
  repeatUntil: true,
  excludedDates: true,
} as const

/** When and where a session is: what every page that names a session shows (SessionWhen + place). */
export const sessionWhenWhereSelect = {
  id: true,
  ...sessionWhenSelect,
  placeZh: true,
  placeEn: true,
} as const
