import { toRole } from './roles'
import { write } from '~/utils/db.server'
import { prepared, reader } from '~/utils/query.server'

export const LOGIN_DAYS = 30

export function loginExpiry(now = new Date()) {
  return new Date(now.getTime() + LOGIN_DAYS * 24 * 60 * 60 * 1000)
}

// A login is a row of AuthSession (the cookie holds only its id). In this codebase "session"
// alone always means a meeting of a programme (the Session model); the sign-in is a "login".
export function createLogin(userId: string) {
  return write((tx) =>
    tx.authSession.create({ data: { userId, expiresAt: loginExpiry() }, select: { id: true, user: { select: { locale: true } } } }),
  )
}

/**
 * The signed-in user behind a login-session id: every request asks this, so it is one
 * statement on the query layer (app/utils/query.server.ts) rather than a Prisma query.
 */
const signedInUser = prepared((q, a: { sessionId: string; now: Date }) =>
  q
    .selectFrom('AuthSession as a')
    .innerJoin('User as u', 'u.id', 'a.userId')
    .select(['u.id', 'u.name', 'u.email', 'u.role', 'u.departmentId', 'u.locale', 'u.emailVerifiedAt', 'u.noticeVersion'])
    .where('a.id', '=', a.sessionId)
    .where('a.expiresAt', '>', a.now),
)

export async function findSignedInUser(sessionId: string) {
  const [row] = (await signedInUser(reader, { sessionId, now: new Date() })).rows
  if (!row) return null
  const { emailVerifiedAt, ...user } = row
  return { ...user, role: toRole(user.role), emailVerified: emailVerifiedAt !== null }
}

export function endLogin(sessionId: string) {
  return write((tx) => tx.authSession.deleteMany({ where: { id: sessionId } }))
}

/** Who is signed in, as every request sees it. */
export type SignedInUser = NonNullable<Awaited<ReturnType<typeof findSignedInUser>>>
