import { db, write } from '~/utils/db.server'
import { currentKeyPrefix, decryptField, encryptField } from '~/utils/field-crypto.server'

/**
 * Bring every stored note to the current key: notes written before encryption existed, or
 * under a key that is being rotated out. Run at every start (boot.server.ts), so adding a new
 * first key to DATA_KEY and restarting is the whole rotation; the old key can go once this
 * has run. Idempotent; several instances running it at once each write a valid ciphertext.
 * The database picks the stale notes (a prefix test), so a start with nothing to do reads nothing.
 */
export async function rekeyNotes() {
  const current = currentKeyPrefix()
  let rewritten = 0
  let cursor: string | undefined
  for (;;) {
    const stale = await db.child.findMany({
      where: { notes: { not: null }, NOT: { notes: { startsWith: current } }, ...(cursor ? { id: { gt: cursor } } : {}) },
      orderBy: { id: 'asc' },
      take: 500,
      select: { id: true, notes: true },
    })
    if (stale.length === 0) return rewritten
    cursor = stale.at(-1)!.id
    await write(async (tx) => {
      for (const child of stale) {
        await tx.child.updateMany({ where: { id: child.id, notes: child.notes }, data: { notes: encryptField(decryptField(child.notes)) } })
      }
    })
    rewritten += stale.length
  }
}
