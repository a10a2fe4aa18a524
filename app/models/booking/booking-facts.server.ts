import { prepared, reader } from '~/utils/query.server'
import { MAX_ATTENDEES } from './constants'

/**
 * What booking decides on (book-session.server.ts), read before its transaction on the query
 * layer (the hot path: Prisma's client costs about a millisecond of CPU a statement), each in one
 * prepared statement: the session's facts and the booker's. Seat counts are not read here: the
 * conditional updates in the transaction decide those.
 */
const sessionFacts = prepared((q, a: { sessionId: string }) =>
  q
    .selectFrom('Session as s')
    .innerJoin('Programme as p', 'p.id', 's.programmeId')
    .leftJoin('Lottery as l', 'l.programmeId', 'p.id')
    .leftJoin('Quota as q', 'q.sessionId', 's.id')
    .select([
      's.id',
      's.status',
      's.startsAt',
      'p.status as programmeStatus',
      'p.audience',
      'p.minAge',
      'p.maxAge',
      'p.membersOnly',
      'p.bookingOpensAt',
      'p.bookingClosesAt',
      'p.perBookerLimit',
      'p.allocation',
      'l.drawnAt as lotteryDrawnAt',
      'q.category as quotaCategory',
      's.programmeId',
      // whether its form asks anything: a programme without questions needs no statement for them
      (eb) =>
        eb
          .selectFrom('Question as qn')
          .select((c) => c.fn.countAll().as('asked'))
          .whereRef('qn.programmeId', '=', 's.programmeId')
          .where('qn.removedAt', 'is', null)
          .as('questionCount'),
    ])
    .where('s.id', '=', a.sessionId),
)
export type SessionFacts = NonNullable<Awaited<ReturnType<typeof readSession>>>
/**
 * The session's facts and whether its programme's form asks anything — one statement (a row per
 * quota of the session; one row, quota null, when it has none). The booking POST reads them
 * first (the answers are read against the questions) and hands them to bookSession.
 */
export async function readSession(sessionId: string) {
  const { rows } = await sessionFacts(reader, { sessionId })
  const row = rows[0]
  if (!row) return null
  const quotas = rows.flatMap((r) => (r.quotaCategory === null ? [] : [{ category: r.quotaCategory }]))
  return {
    id: row.id,
    status: row.status,
    startsAt: row.startsAt,
    programmeId: row.programmeId,
    asksQuestions: Number(row.questionCount ?? 0) > 0,
    quotas,
    programme: {
      status: row.programmeStatus,
      audience: row.audience,
      minAge: row.minAge,
      maxAge: row.maxAge,
      membersOnly: row.membersOnly,
      bookingOpensAt: row.bookingOpensAt,
      bookingClosesAt: row.bookingClosesAt,
      perBookerLimit: row.perBookerLimit,
      allocation: row.allocation,
      lotteryDrawnAt: row.lotteryDrawnAt,
    },
  }
}

// the booker and what the named attendees already hold in the session (a double submit), one
// statement: the attendees' keys are its ten last parameters, the unused ones null (IN ignores them)
type BookerArgs = { userId: string; sessionId: string } & Record<`k${number}`, string | null>
const keyParameters = (a: BookerArgs) => Array.from({ length: MAX_ATTENDEES }, (_, i) => a[`k${i}`])
const bookerFacts = prepared((q, a: BookerArgs) =>
  q
    .selectFrom('User as u')
    .leftJoin('Booking as b', (join) => join.on('b.sessionId', '=', a.sessionId).on('b.activeKey', 'in', keyParameters(a) as string[]))
    .select([
      'u.id',
      'u.name',
      'u.email',
      'u.locale',
      'u.memberNo',
      'u.memberVerifiedAt',
      'u.gender',
      'u.birthDate',
      'b.id as bookingId',
      'b.activeKey',
      'b.status as bookingStatus',
    ])
    .where('u.id', '=', a.userId),
)
/**
 * The booker, the bookings the attendees already hold in the session, and those of the named
 * children that are theirs (ownership in the where clause).
 */
export async function readBooker(userId: string, childIds: string[], sessionId: string, keys: string[]) {
  const args: BookerArgs = { userId, sessionId }
  for (let i = 0; i < MAX_ATTENDEES; i++) args[`k${i}`] = keys[i] ?? null
  const { rows } = await bookerFacts(reader, args)
  if (rows.length === 0) return null
  const { bookingId: _b, activeKey: _k, bookingStatus: _s, ...user } = rows[0]
  const existing = rows.flatMap((r) => (r.bookingId ? [{ id: r.bookingId, activeKey: r.activeKey, status: r.bookingStatus! }] : []))
  const children =
    childIds.length === 0
      ? []
      : await reader
          .selectFrom('Child')
          .select(['id', 'name', 'gender', 'birthDate'])
          .where('guardianId', '=', userId)
          .where('erasedAt', 'is', null)
          .where('id', 'in', childIds)
          .execute()
  return { ...user, children, existing }
}
