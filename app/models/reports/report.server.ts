import { meetingDays } from '~/models/programme/recurrence'
import {
  AGE_BANDS,
  attendance,
  bookingsByWeek,
  childrenByAge,
  feedback,
  householdsByUnit,
  membersByGender,
  people,
  programmesOf,
  sessionsOf,
  type ReportQuery,
} from './queries.server'

export type { ReportQuery }

/**
 * The federation's numbers for a period (docs/decisions/0020-reports.md). Every figure is counted
 * by the database (grouped queries); JavaScript only adds up per-programme rows and the sessions'
 * meeting days. The rules, as the report page states them:
 * - a session belongs to the period when its first meeting starts in it; cancelled sessions and
 *   programmes are left out;
 * - **served**: a person (a member attending themself, or a child) with a booking confirmed now —
 *   counted once per programme, per kind and in the total, however many bookings they hold;
 *   a household is the booker; a cancelled booking does not count (deleting an account cancels its bookings);
 * - **unmet**: a person who joined a waitlist (a booking that ever had a waitlist number — still
 *   waiting, left it, or let an offer lapse) or applied in a lottery, and holds no confirmed place in
 *   the same programme (for a kind or the total: in none of its programmes); a lottery applicant
 *   later placed from the waitlist is served, not unmet. One place each would have met it;
 * - **attendance**: days recorded present or collected ÷ those plus the days marked absent (days
 *   excused in advance are not expected); a no-show is a confirmed booking with absences and no day present.
 */

const rate = (part: number, whole: number) => (whole > 0 ? Math.round((1000 * part) / whole) / 10 : null)

/** The whole report for a period, a kind and a department (null: the federation, for admins). */
export async function buildReport(query: ReportQuery) {
  const [programmes, sessions, counted, days, ages, genders, units, ratings, weeks] = await Promise.all([
    programmesOf(query),
    sessionsOf(query),
    people(query),
    attendance(query),
    childrenByAge(query),
    membersByGender(query),
    householdsByUnit(query),
    feedback(query),
    bookingsByWeek(query),
  ])
  const at = (level: (typeof counted)[number]['level']) => counted.filter((r) => r.level === level)
  const total = at('all')
  // a report of one kind or one department: that group is the total (not counted twice)
  const byProgramme = at('programme')
  const byKind = query.kind ? total.map((r) => ({ ...r, key: query.kind! })) : at('kind')
  const byDepartment = query.departmentId ? total.map((r) => ({ ...r, key: query.departmentId! })) : at('department')
  const find = <T extends { key: string }>(list: T[], key: string) => list.find((r) => r.key === key)
  // each session's meeting days counted once, whatever the number of groups it is in
  const offered = sessions.map((s) => ({ programmeId: s.programmeId, capacity: s.capacity, meetings: meetingDays(s).length }))
  const places = (ids: Set<string>) => {
    const list = offered.filter((s) => ids.has(s.programmeId))
    return {
      sessions: list.length,
      places: list.reduce((sum, s) => sum + s.capacity, 0),
      placeDays: list.reduce((sum, s) => sum + s.capacity * s.meetings, 0),
    }
  }
  const attendanceOf = (ids: Set<string>) => {
    const list = days.filter((d) => ids.has(d.key))
    const present = list.reduce((sum, d) => sum + d.present, 0)
    const absent = list.reduce((sum, d) => sum + d.absent, 0)
    return {
      presentDays: present,
      absentDays: absent,
      excusedDays: list.reduce((sum, d) => sum + d.excused, 0),
      noShows: list.reduce((sum, d) => sum + d.noShows, 0),
      attendanceRate: rate(present, present + absent),
    }
  }
  const figures = (ids: Set<string>, served: (typeof total)[number] | undefined) => {
    const given = places(ids)
    const confirmed = served?.bookings ?? 0
    const unmetPeople = served?.unmet ?? 0
    return {
      ...given,
      confirmed,
      fillRate: rate(confirmed, given.places),
      people: served?.people ?? 0,
      children: served?.children ?? 0,
      members: (served?.people ?? 0) - (served?.children ?? 0),
      households: served?.households ?? 0,
      unmet: unmetPeople,
      // one more place each would have met the demand
      placesNeeded: unmetPeople,
      ...attendanceOf(ids),
    }
  }
  const programmeRows = programmes.map((p) => {
    const rating = find(ratings, p.id)
    return {
      ...p,
      ...figures(new Set([p.id]), find(byProgramme, p.id)),
      feedbackAnswers: rating?.answers ?? 0,
      feedbackAverage: rating?.average === null || rating?.average === undefined ? null : Math.round(rating.average * 10) / 10,
      genders: genders.filter((g) => g.key === p.id).map((g) => ({ gender: g.gender ?? 'unknown', members: g.members })),
    }
  })
  const idsWhere = (keep: (p: (typeof programmes)[number]) => boolean) => new Set(programmes.filter(keep).map((p) => p.id))
  const kinds = [...new Set(programmes.map((p) => p.kind))].map((kind) => ({
    kind,
    programmes: programmes.filter((p) => p.kind === kind).length,
    ...figures(
      idsWhere((p) => p.kind === kind),
      find(byKind, kind),
    ),
  }))
  const departments = [...new Map(programmes.map((p) => [p.departmentId, p])).values()].map((p) => ({
    departmentId: p.departmentId,
    nameZh: p.nameZh,
    nameEn: p.nameEn,
    programmes: programmes.filter((q) => q.departmentId === p.departmentId).length,
    ...figures(
      idsWhere((q) => q.departmentId === p.departmentId),
      find(byDepartment, p.departmentId),
    ),
  }))
  const answered = ratings.reduce((sum, r) => sum + r.answers, 0)
  return {
    query,
    totals: {
      programmes: programmes.length,
      ...figures(new Set(programmes.map((p) => p.id)), total[0]),
      feedbackAnswers: answered,
      feedbackAverage: answered
        ? Math.round((10 * ratings.reduce((sum, r) => sum + (r.average ?? 0) * r.answers, 0)) / answered) / 10
        : null,
    },
    kinds,
    departments,
    programmes: programmeRows,
    ageBands: AGE_BANDS.map((band) => ({ band, children: ages.find((a) => a.band === band)?.children ?? 0 })).filter(
      (a) => a.band !== 'unknown' || a.children > 0,
    ),
    units,
    weeks,
  }
}
export type Report = Awaited<ReturnType<typeof buildReport>>
