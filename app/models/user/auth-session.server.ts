import { toRole } from './roles'
import { write } from '~/utils/db.server'
import { readRows } from '~/utils/sql.server'

export const SESSION_DAYS = 30

export function sessionExpiry(now = new Date()) {
  return new Date(now.getTime() + SESSION_DAYS * 24 * 60 * 60 * 1000)
}

// Writes go through $transaction even when alone: on SQLite the driver adapter shares one
// connection, and only a transaction waits for another request's open transaction instead
// of writing into it (docs/decisions/0003-database.md).
export function createAuthSession(userId: string) {
  return write((tx) =>
    tx.authSession.create({ data: { userId, expiresAt: sessionExpiry() }, select: { id: true, user: { select: { locale: true } } } }),
  )
}

/**
 * The signed-in user behind a login-session id: every request asks this, so it is one
 * hand-written statement (app/utils/sql.server.ts) rather than a Prisma query.
 */
export async function findSessionUser(sessionId: string) {
  const [row] = await readRows<{
    id: string
    name: string
    email: string
    role: string
    departmentId: string | null
    locale: string
    emailVerifiedAt: unknown
    noticeVersion: number
  }>(
    `SELECT u."id", u."name", u."email", u."role", u."departmentId", u."locale", u."emailVerifiedAt", u."noticeVersion"
       FROM "AuthSession" a JOIN "User" u ON u."id" = a."userId" WHERE a."id" = ? AND a."expiresAt" > ?`,
    [sessionId, new Date()],
  )
  if (!row) return null
  const { emailVerifiedAt, ...user } = row
  return { ...user, role: toRole(user.role), noticeVersion: Number(user.noticeVersion), emailVerified: emailVerifiedAt !== null }
}

export function revokeAuthSession(sessionId: string) {
  return write((tx) => tx.authSession.deleteMany({ where: { id: sessionId } }))
}

/** Who is signed in, as every request sees it. */
export type SessionUser = NonNullable<Awaited<ReturnType<typeof findSessionUser>>>
