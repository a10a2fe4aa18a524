import { randomBytes, randomUUID } from 'node:crypto'
import { isDeepStrictEqual } from 'node:util'
import {
  CompiledQuery,
  type Compilable,
  type QueryResult,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Insertable,
} from 'kysely'
import type { DB } from '../../generated/kysely/types'
import { db, drivers, engine, retryTransient, type Tx } from './db.server'
import { pgConnection, prismaConnection, sqliteConnection } from './query-connections.server'

/**
 * The one typed query layer (docs/decisions/0023-one-data-layer.md): Kysely, its table types
 * generated from prisma/schema.prisma by prisma-kysely (a renamed column fails `tsc`), run by
 * three executors of the same compiled SQL:
 * - `reader`: outside any transaction, on the drivers under Prisma (SQLite: a connection that
 *   sees only committed data; PostgreSQL: Prisma's pool);
 * - `transaction(run)`: the booking POST's own short write transaction, on the same drivers
 *   (SQLite: in turn with Prisma's transactions, BEGIN IMMEDIATE; PostgreSQL: a pooled client);
 * - `queries(tx)`: inside a Prisma interactive transaction (cancel, offers, the lottery's draw,
 *   the console), through the transaction's own `$queryRawUnsafe`.
 * A rule written once against `Q` runs on all three: taking a seat, the booking row, the next
 * waitlist number, the audit row, the outbox row.
 *
 * Both engines read back the same values: dates as `Date`, booleans as `boolean` (SQLite's
 * driver decodes columns declared DATETIME and BOOLEAN), counts as whatever the driver gives
 * (read them with `Number`).
 */
export type Q = Kysely<DB>
export type { DB }
/** A Prisma transaction or a query handle: the rules of booking take either. */
export type Queryable = Tx | Q

// ---- the three executors -----------------------------------------------------------------

/** A dialect whose every query runs on `connection` (transactions are begun and ended by the caller). */
function dialectOn(connect: () => Promise<DatabaseConnection>): Dialect {
  const driver: Driver = {
    init: async () => undefined,
    acquireConnection: connect,
    beginTransaction: async () => {
      throw new Error('transactions are begun by transaction() or write()')
    },
    commitTransaction: async () => undefined,
    rollbackTransaction: async () => undefined,
    releaseConnection: async () => undefined,
    destroy: async () => undefined,
  }
  return engine === 'sqlite'
    ? {
        createAdapter: () => new SqliteAdapter(),
        createDriver: () => driver,
        createIntrospector: (k) => new SqliteIntrospector(k),
        createQueryCompiler: () => new SqliteQueryCompiler(),
      }
    : {
        createAdapter: () => new PostgresAdapter(),
        createDriver: () => driver,
        createIntrospector: (k) => new PostgresIntrospector(k),
        createQueryCompiler: () => new PostgresQueryCompiler(),
      }
}

let connected: Promise<void> | null = null
const ready = () => (connected ??= db.$connect())

/** Reads outside a transaction (SQLite: the reader connection, which sees only committed data). */
export const reader: Q = new Kysely<DB>({
  dialect: dialectOn(async () => {
    await ready()
    return engine === 'sqlite' ? sqliteConnection(drivers.sqlite!.reader) : pgConnection(drivers.pgPool!)
  }),
})

const byTransaction = new WeakMap<object, Q>()
/** The query handle of a Prisma transaction (the same one for each call), or the handle itself. */
export function queries(tx: Queryable): Q {
  if (tx instanceof Kysely) return tx as Q
  let q = byTransaction.get(tx)
  if (!q) byTransaction.set(tx, (q = new Kysely<DB>({ dialect: dialectOn(async () => prismaConnection(tx)) })))
  return q
}

/**
 * One short write transaction on the drivers themselves (the booking POST: no Prisma in the
 * way). SQLite: in turn with Prisma's transactions (the writer's lock), BEGIN IMMEDIATE.
 * PostgreSQL: a client of the pool, destroyed rather than pooled after a failure. Retried by
 * the one retry policy (db.server.ts) like every transaction; busy past it: DatabaseBusyError.
 */
let writer: Q | null = null
export async function transaction<T>(run: (q: Q) => Promise<T>): Promise<T> {
  await ready()
  return retryTransient(async () => {
    if (engine === 'sqlite') {
      const sqlite = drivers.sqlite!
      writer ??= new Kysely<DB>({ dialect: dialectOn(async () => sqliteConnection(sqlite.writer)) })
      return sqlite.transaction(() => run(writer!))
    }
    const client = await drivers.pgPool!.connect()
    let failed = false
    try {
      await client.query('BEGIN')
      const connection = pgConnection(client)
      const result = await run(new Kysely<DB>({ dialect: dialectOn(async () => connection) }))
      await client.query('COMMIT')
      return result
    } catch (error) {
      failed = true
      await client.query('ROLLBACK').catch(() => undefined)
      throw error
    } finally {
      // after a failure the connection may be dead or mid-transaction: destroyed, not pooled
      client.release(failed || undefined)
    }
  })
}

// ---- statements built once ---------------------------------------------------------------

const ARGUMENT = Symbol('argument of a prepared statement')
const placeholders = new Map<string, object>()
/** Stand-ins for a statement's arguments: Kysely takes each as a value and compiles it to a parameter. */
const argumentsOf = <A>() =>
  new Proxy({} as A & object, {
    get: (_, name) => {
      if (typeof name !== 'string') return undefined
      let placeholder = placeholders.get(name)
      if (!placeholder) placeholders.set(name, (placeholder = Object.freeze({ [ARGUMENT]: name })))
      return placeholder
    },
  })
type Scalar = string | number | boolean | Date | null
type Plan = { compiled: CompiledQuery; parameters: ({ argument: string } | { value: unknown })[] }
// outside production each call also builds its statement the slow way and must get the same SQL
// and parameters: a builder that branches on an argument or reads the clock fails the tests
const checking = process.env.NODE_ENV !== 'production'

/**
 * A statement of the hot path (the booking POST), built and compiled once, then run with each
 * call's arguments: Kysely builds and compiles a statement on every call otherwise, 11 % of the
 * server's CPU in a booking rush. `build` gets stand-ins for the arguments and must use them only
 * as values of the statement — no branching on them, no list arguments, no clock of its own
 * (pass `now`); outside production every call checks that it did. Runs on any executor.
 */
export function prepared<A extends Record<string, Scalar>, O>(build: (q: Q, args: A) => Compilable<O>) {
  let plan: Plan | null = null
  return async (tx: Queryable, args: A): Promise<QueryResult<O>> => {
    const q = queries(tx)
    if (!plan) {
      const compiled = build(q, argumentsOf<A>()).compile()
      plan = {
        compiled,
        parameters: compiled.parameters.map((p) =>
          p !== null && typeof p === 'object' && ARGUMENT in p ? { argument: p[ARGUMENT] as string } : { value: p },
        ),
      }
    }
    const parameters = plan.parameters.map((p) => ('argument' in p ? args[p.argument] : p.value))
    if (checking) {
      const slow = build(q, args).compile()
      if (slow.sql !== plan.compiled.sql || !isDeepStrictEqual(slow.parameters, parameters)) {
        throw new Error(`a prepared statement changed with its arguments (it may only use them as values):\n${slow.sql}`)
      }
    }
    return q.executeQuery<O>({ ...plan.compiled, parameters })
  }
}

/** Rows for one table, as the query layer inserts them. */
export type Rows = { [T in keyof DB]: { table: T; values: Insertable<DB[T]> | Insertable<DB[T]>[] } }[keyof DB]

/**
 * Rows into their tables in the caller's transaction: on PostgreSQL one statement (each insert
 * a data-modifying WITH of the last; foreign keys are checked at the statement's end, so a row
 * may refer to one inserted beside it), on SQLite one statement each (in process, no round trip).
 * `then`, a read that follows the inserts, rides in the same statement on PostgreSQL (its
 * snapshot is taken when that statement starts — after every statement before it in the
 * transaction — and does not see the rows inserted beside it); its rows are returned.
 */
export async function insertRows<R = never>(tx: Queryable, rows: Rows[], then?: (q: Q) => Compilable<R>): Promise<R[]> {
  const q = queries(tx)
  if (engine === 'postgresql' && rows.length + (then ? 1 : 0) > 1) {
    const inserts = then ? rows : rows.slice(0, -1)
    let creator = q
    inserts.forEach((r, i) => {
      creator = creator.with(`w${i}` as never, (w) => w.insertInto(r.table).values(r.values as never) as never) as unknown as Q
    })
    if (then) return (await q.executeQuery(then(creator))).rows
    const last = rows[rows.length - 1]
    await creator
      .insertInto(last.table)
      .values(last.values as never)
      .execute()
    return []
  }
  for (const r of rows)
    await q
      .insertInto(r.table)
      .values(r.values as never)
      .execute()
  return then ? (await q.executeQuery(then(q))).rows : []
}

/**
 * Rows of a hand-written statement (`?` placeholders) outside a transaction: the reports'
 * grouped queries, whose rows their callers check with zod.
 */
export async function readRaw(sqlText: string, params: unknown[] = []): Promise<unknown[]> {
  let n = 0
  const text = engine === 'postgresql' ? sqlText.replace(/\?/g, () => `$${++n}`) : sqlText
  return (await reader.executeQuery(CompiledQuery.raw(text, params))).rows
}

// ---- ids and defaults --------------------------------------------------------------------

/** An id shaped like Prisma's cuid(): "c", time, counter and randomness in base 36. Every row the query layer inserts takes one. */
let counter = 0
// randomness drawn 256 ids at a time (as crypto.randomUUID does): one call to the generator, not one per row
let entropy = Buffer.alloc(0)
let drawn = 0
export function newId() {
  counter = (counter + 1) % 1_679_616
  if (drawn + 8 > entropy.length) [entropy, drawn] = [randomBytes(8 * 256), 0]
  const random = entropy
    .readBigUInt64BE((drawn += 8) - 8)
    .toString(36)
    .padStart(13, '0')
    .slice(-12)
  return `c${Date.now().toString(36).padStart(8, '0')}${counter.toString(36).padStart(4, '0')}${random}`
}

export const newUuid = () => randomUUID()

/**
 * What Prisma's @default(cuid()), @default(now()) and @updatedAt fill in, for a row the query
 * layer inserts: the id, and the row's timestamps at the use case's `now` — the wall clock,
 * unless a job or a test runs on a clock of its own (a booking's createdAt is when it was
 * booked: the register and the reports read it against the same clock).
 */
export function newRow(at = new Date()) {
  return { id: newId(), createdAt: at }
}
/** …and @updatedAt, for a table that has it. */
export function newUpdatedRow(at = new Date()) {
  return { ...newRow(at), updatedAt: at }
}

/** A count as a number (SQLite gives a number, PostgreSQL a string, Prisma's raw a bigint). */
export const asCount = (value: unknown) => Number(value ?? 0)
