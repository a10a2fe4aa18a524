import { db } from '~/utils/db.server'

export const SESSION_DAYS = 30

export function sessionExpiry(now = new Date()) {
  return new Date(now.getTime() + SESSION_DAYS * 24 * 60 * 60 * 1000)
}

// Writes go through $transaction even when alone: on SQLite the driver adapter shares one
// connection, and only a transaction waits for another request's open transaction instead
// of writing into it (docs/decisions/0003-database.md).
export function createAuthSession(userId: string) {
  return db.$transaction((tx) =>
    tx.authSession.create({ data: { userId, expiresAt: sessionExpiry() }, select: { id: true, user: { select: { locale: true } } } }),
  )
}

export async function findSessionUser(sessionId: string) {
  const session = await db.authSession.findFirst({
    where: { id: sessionId, expiresAt: { gt: new Date() } },
    select: {
      user: {
        select: { id: true, name: true, email: true, role: true, departmentId: true, locale: true },
      },
    },
  })
  return session?.user ?? null
}

export function revokeAuthSession(sessionId: string) {
  return db.$transaction((tx) => tx.authSession.deleteMany({ where: { id: sessionId } }))
}
