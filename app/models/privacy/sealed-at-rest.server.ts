import { db, write, type Tx } from '~/utils/db.server'
import { dataKeys } from '~/utils/env.server'
import { currentKeyPrefix, decryptField, encryptField } from '~/utils/field-crypto.server'

/**
 * Every column sealed with DATA_KEY (encryptField), in one list: a key rotation re-encrypts
 * exactly these, so a new sealed column that is not listed here is a column the rotation
 * forgets — tests/integration/privacy.test.ts scans the whole database for sealed values and
 * fails on any column missing from this list.
 */
type SealedColumn = {
  /** "Model.field", as in prisma/schema.prisma */
  name: string
  stale(prefix: string, after: string | undefined): Promise<{ id: string; value: string | null }[]>
  /** Replace the value only if it is still the one read (another instance may have rewritten it). */
  rewrite(tx: Tx, id: string, was: string, value: string): Promise<unknown>
}

const PAGE = { orderBy: { id: 'asc' as const }, take: 500 }
const staleWhere = <F extends string>(field: F, prefix: string, after: string | undefined) =>
  ({ [field]: { not: null }, NOT: { [field]: { startsWith: prefix } }, ...(after ? { id: { gt: after } } : {}) }) as Record<
    F,
    { not: null }
  >

export const SEALED_COLUMNS: SealedColumn[] = [
  {
    name: 'Child.notes',
    stale: async (prefix, after) =>
      (await db.child.findMany({ where: staleWhere('notes', prefix, after), ...PAGE, select: { id: true, notes: true } })).map((c) => ({
        id: c.id,
        value: c.notes,
      })),
    rewrite: (tx, id, was, value) => tx.child.updateMany({ where: { id, notes: was }, data: { notes: value } }),
  },
  {
    name: 'Lottery.seedSealed',
    stale: async (prefix, after) =>
      (
        await db.lottery.findMany({
          where: { NOT: { seedSealed: { startsWith: prefix } }, ...(after ? { id: { gt: after } } : {}) },
          ...PAGE,
          select: { id: true, seedSealed: true },
        })
      ).map((l) => ({ id: l.id, value: l.seedSealed })),
    rewrite: (tx, id, was, value) => tx.lottery.updateMany({ where: { id, seedSealed: was }, data: { seedSealed: value } }),
  },
  {
    name: 'ChoiceEntry.sealed',
    stale: async (prefix, after) =>
      (
        await db.choiceEntry.findMany({
          where: { NOT: { sealed: { startsWith: prefix } }, ...(after ? { id: { gt: after } } : {}) },
          ...PAGE,
          select: { id: true, sealed: true },
        })
      ).map((e) => ({ id: e.id, value: e.sealed })),
    rewrite: (tx, id, was, value) => tx.choiceEntry.updateMany({ where: { id, sealed: was }, data: { sealed: value } }),
  },
  {
    name: 'LotteryEntry.answersSealed',
    stale: async (prefix, after) =>
      (
        await db.lotteryEntry.findMany({
          where: staleWhere('answersSealed', prefix, after),
          ...PAGE,
          select: { id: true, answersSealed: true },
        })
      ).map((e) => ({ id: e.id, value: e.answersSealed })),
    rewrite: (tx, id, was, value) => tx.lotteryEntry.updateMany({ where: { id, answersSealed: was }, data: { answersSealed: value } }),
  },
  {
    // only a sensitive question's answers are sealed; the others are plain text. The key is
    // (bookingId, questionId): the cursor is the two joined
    name: 'Answer.value',
    stale: async (prefix, after) => {
      const [bookingId, questionId] = after ? after.split(' ') : []
      const rows = await db.answer.findMany({
        where: {
          question: { sensitive: true },
          NOT: { value: { startsWith: prefix } },
          ...(after ? { OR: [{ bookingId: { gt: bookingId } }, { bookingId, questionId: { gt: questionId } }] } : {}),
        },
        orderBy: [{ bookingId: 'asc' }, { questionId: 'asc' }],
        take: PAGE.take,
        select: { bookingId: true, questionId: true, value: true },
      })
      return rows.map((a) => ({ id: `${a.bookingId} ${a.questionId}`, value: a.value }))
    },
    rewrite: (tx, id, was, value) => {
      const [bookingId, questionId] = id.split(' ')
      return tx.answer.updateMany({ where: { bookingId, questionId, value: was }, data: { value } })
    },
  },
]

/**
 * Bring every sealed value to the current key: values written before encryption existed, or
 * under a key being rotated out. Run at every start (boot.server.ts), so adding a new first key
 * to DATA_KEY and restarting is the whole rotation; the old key can go once this has run.
 * Idempotent; instances running it at once each write a valid ciphertext. The database picks
 * the stale values (a prefix test), so a start with nothing to do reads nothing more.
 */
export async function rekeySealed(keys = dataKeys()): Promise<Record<string, number>> {
  const prefix = currentKeyPrefix(keys)
  const rewritten: Record<string, number> = {}
  for (const column of SEALED_COLUMNS) {
    rewritten[column.name] = 0
    let cursor: string | undefined
    for (;;) {
      const stale = await column.stale(prefix, cursor)
      if (stale.length === 0) break
      cursor = stale.at(-1)!.id
      await write(async (tx) => {
        for (const row of stale)
          if (row.value) await column.rewrite(tx, row.id, row.value, encryptField(decryptField(row.value, keys), keys)!)
      })
      rewritten[column.name] += stale.length
    }
  }
  return rewritten
}
