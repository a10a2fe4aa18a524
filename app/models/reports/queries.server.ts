import { z } from 'zod'
import type { ProgrammeKind } from '~/models/programme/constants'
import { engine } from '~/utils/db.server'
import { readRaw } from '~/utils/query.server'
import { shanghaiTime } from '~/utils/time'

// The report's grouped queries (report.server.ts puts their rows together; the rules are there).
// Each is hand-written SQL (grouped counts the query builder would only obscure) read through the
// query layer's readRaw, its rows parsed with zod.

export type ReportQuery = { from: string; to: string; kind: ProgrammeKind | null; departmentId: string | null }

const count = z.coerce.number()
export const AGE_BANDS = ['0-5', '6-8', '9-12', '13+', 'unknown'] as const

/** The period's bounds: from the first day of `from` (YYYY-MM) to the first day after `to`, Shanghai time. */
function periodOf(query: Pick<ReportQuery, 'from' | 'to'>) {
  const [year, month] = query.to.split('-').map(Number)
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`
  return { start: shanghaiTime(`${query.from}-01`), end: shanghaiTime(next) }
}

/** The WHERE that puts a session (s) of a programme (p) in the report, with its parameters. */
function scopeOf(query: ReportQuery) {
  const { start, end } = periodOf(query)
  const where = [`s."startsAt" >= ?`, `s."startsAt" < ?`, `s."status" = 'scheduled'`, `p."status" <> 'cancelled'`]
  const params: unknown[] = [start, end]
  if (query.kind) {
    where.push(`p."kind" = ?`)
    params.push(query.kind)
  }
  if (query.departmentId) {
    where.push(`p."departmentId" = ?`)
    params.push(query.departmentId)
  }
  return { where: where.join(' AND '), params }
}

const PERSON = `COALESCE(b."childId", b."attendeeUserId")`
const FROM_BOOKINGS = `FROM "Booking" b JOIN "Session" s ON s."id" = b."sessionId" JOIN "Programme" p ON p."id" = s."programmeId"`

async function rows<S extends z.ZodTypeAny>(schema: S, sql: string, params: unknown[]): Promise<z.infer<S>[]> {
  return z.array(schema).parse(await readRaw(sql, params))
}

/** The lottery applicants of the programmes in scope: one row per person who wanted a place (each engine reads the JSON list with its own function). */
function lotteryApplicants(scope: { where: string }) {
  const each =
    engine === 'postgresql'
      ? `CROSS JOIN LATERAL jsonb_array_elements_text(e."attendees"::jsonb) AS j("value")`
      : `CROSS JOIN json_each(e."attendees") AS j`
  return `SELECT p."id" AS "programmeId", p."kind" AS "kind", p."departmentId" AS "departmentId",
      substr(j."value", 3) AS "person", 0 AS "served", 1 AS "wanted", CASE WHEN substr(j."value", 1, 1) = 'c' THEN 1 ELSE 0 END AS "child",
      0 AS "household", 0 AS "n"
    FROM "LotteryEntry" e JOIN "Programme" p ON p."id" = e."programmeId" ${each}
    WHERE EXISTS (SELECT 1 FROM "Session" s WHERE s."programmeId" = p."id" AND ${scope.where})`
}

const ROW = `p."id" AS "programmeId", p."kind" AS "kind", p."departmentId" AS "departmentId"`
const IS_CHILD = `CASE WHEN b."childId" IS NULL THEN 0 ELSE 1 END`
// one group's figures from its rows of (person, served, wanted, child, household, n): an id is a
// person served or waiting, a household (a booker), or both (a member who booked for themself)
const FIGURES_OF = `CAST(SUM("served") AS INTEGER) AS "people",
  CAST(SUM(CASE WHEN "served" = 1 AND "child" = 1 THEN 1 ELSE 0 END) AS INTEGER) AS "children",
  CAST(SUM(CASE WHEN "wanted" = 1 AND "served" = 0 THEN 1 ELSE 0 END) AS INTEGER) AS "unmet",
  CAST(SUM("household") AS INTEGER) AS "households",
  CAST(SUM("n") AS INTEGER) AS "bookings"`
const ONCE = `MAX("served") AS "served", MAX("wanted") AS "wanted", MAX("child") AS "child", MAX("household") AS "household", SUM("n") AS "n"`
// an id once per group: regrouped by a column, or (null) into one group for the total (PostgreSQL
// refuses a constant in GROUP BY)
const regroup = (column: string | null) =>
  `SELECT ${column ?? `'all'`} AS "key", "person", ${ONCE} FROM "per" GROUP BY ${column ? `${column}, ` : ''}"person"`

/**
 * People served (children, members), households, confirmed bookings and unmet demand, per
 * programme, kind, department and in all — one statement: a row per confirmed place (the person,
 * and the household when the booker is that person), per place booked for someone else (its
 * household), per waitlist booking and per lottery applicant; grouped once per programme and id,
 * then again per kind, department and in all, so an id counts once in each group. (Ids of members
 * and children never collide: one id can only be a member who is both attendee and booker.)
 */
export function people(query: ReportQuery) {
  const scope = scopeOf(query)
  return rows(
    z.object({
      level: z.enum(['programme', 'kind', 'department', 'all']),
      key: z.string(),
      people: count,
      children: count,
      unmet: count,
      households: count,
      bookings: count,
    }),
    `WITH "base" AS (
       SELECT ${ROW}, ${PERSON} AS "person", 1 AS "served", 0 AS "wanted", ${IS_CHILD} AS "child",
         CASE WHEN b."bookerId" = ${PERSON} THEN 1 ELSE 0 END AS "household", 1 AS "n"
       ${FROM_BOOKINGS} WHERE b."status" = 'confirmed' AND ${scope.where}
       UNION ALL SELECT ${ROW}, b."bookerId" AS "person", 0 AS "served", 0 AS "wanted", 0 AS "child", 1 AS "household", 0 AS "n"
       ${FROM_BOOKINGS} WHERE b."status" = 'confirmed' AND b."bookerId" <> ${PERSON} AND ${scope.where}
       UNION ALL SELECT ${ROW}, ${PERSON} AS "person", 0 AS "served", 1 AS "wanted", ${IS_CHILD} AS "child", 0 AS "household", 0 AS "n"
       ${FROM_BOOKINGS} WHERE b."waitlistSeq" IS NOT NULL AND b."status" <> 'confirmed' AND ${scope.where}
       UNION ALL ${lotteryApplicants(scope)}
     ), "per" AS MATERIALIZED (
       SELECT "programmeId", MIN("kind") AS "kind", MIN("departmentId") AS "departmentId", "person", ${ONCE}
       FROM "base" GROUP BY "programmeId", "person"
     )
     SELECT 'programme' AS "level", "programmeId" AS "key", ${FIGURES_OF} FROM "per" GROUP BY "programmeId"
     ${query.kind ? '' : `UNION ALL SELECT 'kind' AS "level", "key", ${FIGURES_OF} FROM (${regroup('"kind"')}) k GROUP BY "key"`}
     ${query.departmentId ? '' : `UNION ALL SELECT 'department' AS "level", "key", ${FIGURES_OF} FROM (${regroup('"departmentId"')}) d GROUP BY "key"`}
     UNION ALL SELECT 'all' AS "level", 'all' AS "key", ${FIGURES_OF} FROM (${regroup(null)}) a`,
    // the scope's parameters, once per source: places, households, waitlists, lottery applications
    [...scope.params, ...scope.params, ...scope.params, ...scope.params],
  )
}

/** Recorded days per programme: present or collected, absent, excused; and no-shows. */
export function attendance(query: ReportQuery) {
  const scope = scopeOf(query)
  return rows(
    z.object({ key: z.string(), present: count, absent: count, excused: count, noShows: count }),
    `SELECT "key", CAST(SUM("present") AS INTEGER) AS "present", CAST(SUM("absent") AS INTEGER) AS "absent",
       CAST(SUM("excused") AS INTEGER) AS "excused", CAST(SUM(CASE WHEN "present" = 0 AND "absent" > 0 THEN 1 ELSE 0 END) AS INTEGER) AS "noShows"
     FROM (
       SELECT MIN(p."id") AS "key",
         SUM(CASE WHEN a."status" IN ('present', 'left') THEN 1 ELSE 0 END) AS "present",
         SUM(CASE WHEN a."status" = 'absent' THEN 1 ELSE 0 END) AS "absent",
         SUM(CASE WHEN a."status" = 'excused' THEN 1 ELSE 0 END) AS "excused"
       FROM "Attendance" a JOIN "Booking" b ON b."id" = a."bookingId" JOIN "Session" s ON s."id" = b."sessionId"
       JOIN "Programme" p ON p."id" = s."programmeId"
       WHERE b."status" = 'confirmed' AND ${scope.where} GROUP BY a."bookingId"
     ) x GROUP BY "key"`,
    scope.params,
  )
}

/** Children served by age band, at their first session in the period (an erased child: "unknown"). */
export function childrenByAge(query: ReportQuery) {
  const scope = scopeOf(query)
  const age =
    engine === 'postgresql'
      ? `date_part('year', age(f."first", c."birthDate"))`
      : `CAST((julianday(f."first") - julianday(c."birthDate")) / 365.2425 AS INTEGER)`
  return rows(
    z.object({ band: z.enum(AGE_BANDS), children: count }),
    `SELECT "band", CAST(COUNT(*) AS INTEGER) AS "children" FROM (
       SELECT CASE WHEN c."erasedAt" IS NOT NULL THEN 'unknown' WHEN ${age} < 6 THEN '0-5' WHEN ${age} < 9 THEN '6-8'
         WHEN ${age} < 13 THEN '9-12' ELSE '13+' END AS "band"
       FROM (SELECT b."childId" AS "childId", MIN(s."startsAt") AS "first" ${FROM_BOOKINGS}
             WHERE b."status" = 'confirmed' AND b."childId" IS NOT NULL AND ${scope.where} GROUP BY b."childId") f
       JOIN "Child" c ON c."id" = f."childId"
     ) x GROUP BY "band"`,
    scope.params,
  )
}

/** Members served by gender, in programmes whose sessions have gender quotas. */
export function membersByGender(query: ReportQuery) {
  const scope = scopeOf(query)
  return rows(
    z.object({ key: z.string(), gender: z.string().nullable(), members: count }),
    `SELECT p."id" AS "key", u."gender" AS "gender", CAST(COUNT(DISTINCT b."attendeeUserId") AS INTEGER) AS "members"
     ${FROM_BOOKINGS} JOIN "User" u ON u."id" = b."attendeeUserId"
     WHERE b."status" = 'confirmed' AND EXISTS (SELECT 1 FROM "Quota" q WHERE q."sessionId" = s."id") AND ${scope.where}
     GROUP BY p."id", u."gender"`,
    scope.params,
  )
}

/**
 * Households served by grassroots union / work unit, where the member register gives one (verified
 * members): from the register's side, each verified member with a unit asked once whether they
 * booked a confirmed place in scope (an index probe each) — not every booking sorted for its booker.
 */
export function householdsByUnit(query: ReportQuery) {
  const scope = scopeOf(query)
  return rows(
    z.object({ unit: z.string(), households: count }),
    `SELECT m."unit" AS "unit", CAST(COUNT(*) AS INTEGER) AS "households"
     FROM "MemberRecord" m JOIN "User" u ON u."memberNo" = m."memberNo"
     WHERE u."memberVerifiedAt" IS NOT NULL AND m."unit" IS NOT NULL
       AND EXISTS (SELECT 1 ${FROM_BOOKINGS} WHERE b."bookerId" = u."id" AND b."status" = 'confirmed' AND ${scope.where})
     GROUP BY m."unit" ORDER BY "households" DESC, m."unit"`,
    scope.params,
  )
}

/** Feedback per programme: ratings given and their average. */
export function feedback(query: ReportQuery) {
  const scope = scopeOf(query)
  return rows(
    z.object({ key: z.string(), answers: count, average: z.coerce.number().nullable() }),
    `SELECT p."id" AS "key", CAST(COUNT(f."rating") AS INTEGER) AS "answers", CAST(AVG(f."rating") AS REAL) AS "average"
     FROM "Feedback" f JOIN "Booking" b ON b."id" = f."bookingId" JOIN "Session" s ON s."id" = b."sessionId"
     JOIN "Programme" p ON p."id" = s."programmeId"
     WHERE f."rating" IS NOT NULL AND ${scope.where} GROUP BY p."id"`,
    scope.params,
  )
}

/** Confirmed bookings by the week (Monday, Shanghai) they were made. */
export function bookingsByWeek(query: ReportQuery) {
  const scope = scopeOf(query)
  const week =
    engine === 'postgresql'
      ? `to_char(date_trunc('week', b."createdAt" + interval '8 hours'), 'YYYY-MM-DD')`
      : `date(b."createdAt", '+8 hours', '-6 days', 'weekday 1')`
  return rows(
    z.object({ week: z.string(), bookings: count }),
    `SELECT ${week} AS "week", CAST(COUNT(*) AS INTEGER) AS "bookings" ${FROM_BOOKINGS}
     WHERE b."status" = 'confirmed' AND ${scope.where} GROUP BY ${week} ORDER BY 1`,
    scope.params,
  )
}

/** The sessions in the report (a few thousand at most): places, and place-days over their meetings. */
export function sessionsOf(query: ReportQuery) {
  const scope = scopeOf(query)
  return rows(
    z.object({
      id: z.string(),
      programmeId: z.string(),
      capacity: count,
      startsAt: z.coerce.date(),
      endsAt: z.coerce.date(),
      repeatDays: z.string().nullable(),
      repeatUntil: z.coerce.date().nullable(),
      excludedDates: z.string().nullable(),
    }),
    `SELECT s."id", s."programmeId", s."capacity", s."startsAt", s."endsAt", s."repeatDays", s."repeatUntil", s."excludedDates"
     FROM "Session" s JOIN "Programme" p ON p."id" = s."programmeId" WHERE ${scope.where}`,
    scope.params,
  )
}

export function programmesOf(query: ReportQuery) {
  const scope = scopeOf(query)
  return rows(
    z.object({
      id: z.string(),
      slug: z.string(),
      kind: z.string(),
      titleZh: z.string(),
      titleEn: z.string(),
      departmentId: z.string(),
      nameZh: z.string(),
      nameEn: z.string(),
    }),
    `SELECT p."id", p."slug", p."kind", p."titleZh", p."titleEn", p."departmentId", d."nameZh", d."nameEn"
     FROM "Programme" p JOIN "Department" d ON d."id" = p."departmentId"
     WHERE EXISTS (SELECT 1 FROM "Session" s WHERE s."programmeId" = p."id" AND ${scope.where}) ORDER BY p."kind", p."titleZh"`,
    scope.params,
  )
}
