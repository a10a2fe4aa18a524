/** How many times in all a transaction that failed for a transient reason is tried. */
export const TRANSACTION_ATTEMPTS = 4

// Prisma: P2034 write conflict or deadlock · P2028 transaction could not start or expired ·
// P2024 no pooled connection in time · P1001/P1002/P1008/P1017 server unreachable, timed out,
// or closed the connection
const TRANSIENT_PRISMA = new Set(['P2034', 'P2028', 'P2024', 'P1001', 'P1002', 'P1008', 'P1017'])
// PostgreSQL SQLSTATEs: serialization failure, deadlock, too many connections, the server
// shutting down or starting up (57P01 is what pg_terminate_backend and a restart send); and any
// connection exception (class 08). SQLite: the lock is held elsewhere (busy, locked).
const TRANSIENT_SQLSTATE = new Set(['40001', '40P01', '53300', '57P01', '57P02', '57P03'])
const TRANSIENT_SQLITE = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED'])
// the socket under a driver: refused, reset, cut, timed out
const TRANSIENT_SOCKET = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'])
// what pg says when a connection dies under a query, or none comes from the pool in time;
// better-sqlite3 when the lock wait ran out
const TRANSIENT_MESSAGE =
  /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|terminating connection due to|the database system is (starting up|shutting down)|database is locked|Can't reach database server|Server has closed the connection/i

/**
 * The one reading of "the database could not do it now; nothing was written; try again": for
 * Prisma's errors, for the drivers' own (the query layer's transactions, query.server.ts) and for the
 * errors a driver adapter wraps (their causes are read too). A code names the reason for logs;
 * null means a real error (a bug, a constraint) that must not be retried.
 */
export function transientCode(error: unknown, depth = 0): string | null {
  if (typeof error !== 'object' || error === null || depth > 4) return null
  const e = error as {
    code?: unknown
    errno?: unknown
    message?: unknown
    cause?: unknown
    meta?: { code?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown; kind?: unknown; extendedCode?: unknown } } }
    extendedCode?: unknown
    originalCode?: unknown
    kind?: unknown
  }
  const codes = [e.code, e.originalCode, e.meta?.code, e.meta?.driverAdapterError?.cause?.originalCode].map((c) =>
    c === undefined ? '' : String(c),
  )
  for (const code of codes) {
    if (TRANSIENT_PRISMA.has(code) || TRANSIENT_SQLSTATE.has(code) || TRANSIENT_SQLITE.has(code) || TRANSIENT_SOCKET.has(code)) return code
    if (/^08[0-9A-Z]{3}$/.test(code)) return code
  }
  // better-sqlite3 under the adapter: SQLITE_BUSY (5) and SQLITE_LOCKED (6) as extended codes
  const extended = e.extendedCode ?? e.meta?.driverAdapterError?.cause?.extendedCode
  if (extended === 5 || extended === 6) return 'SQLITE_BUSY'
  if (TRANSIENT_MESSAGE.test(String(e.message ?? ''))) return 'connection'
  return transientCode(e.cause, depth + 1) ?? transientCode(e.meta?.driverAdapterError?.cause, depth + 1)
}
