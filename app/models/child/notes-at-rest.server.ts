import { db, write } from '~/utils/db.server'
import { decryptField, encryptField, needsRekey } from '~/utils/field-crypto.server'

/**
 * Bring every stored note to the current key: notes written before encryption existed, or
 * under a key that is being rotated out. Run at every start (boot.server.ts), so adding a new
 * first key to DATA_KEY and restarting is the whole rotation; the old key can go once this
 * has run. Idempotent; several instances running it at once each write a valid ciphertext.
 */
export async function rekeyNotes() {
  let rewritten = 0
  let cursor: string | undefined
  for (;;) {
    const batch = await db.child.findMany({
      where: { notes: { not: null }, ...(cursor ? { id: { gt: cursor } } : {}) },
      orderBy: { id: 'asc' },
      take: 500,
      select: { id: true, notes: true },
    })
    if (batch.length === 0) return rewritten
    cursor = batch.at(-1)!.id
    const stale = batch.filter((c) => c.notes && needsRekey(c.notes))
    if (stale.length === 0) continue
    await write(async (tx) => {
      for (const child of stale) {
        await tx.child.updateMany({ where: { id: child.id, notes: child.notes }, data: { notes: encryptField(decryptField(child.notes)) } })
      }
    })
    rewritten += stale.length
  }
}
