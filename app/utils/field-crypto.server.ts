import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import { dataKeys } from './env.server'

/**
 * Health notes at rest: AES-256-GCM with a key from the environment (dataKeys). A stored value
 * reads `enc1:<key id>:<iv>:<tag>:<ciphertext>` (base64url), so the database file, a
 * PostgreSQL dump and every backup hold only ciphertext. The first key encrypts; any
 * configured key decrypts (rotation: add the new key first and restart — every start rewrites
 * every sealed column still under an old key, app/models/privacy/sealed-at-rest.server.ts —
 * then drop the old one).
 */
const PREFIX = 'enc1'

const keyId = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8)

export function encryptField(plain: string | null | undefined, keys = dataKeys()): string | null {
  if (plain === null || plain === undefined || plain === '') return null
  const key = keys[0]
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return [PREFIX, keyId(key), iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join(':')
}

export class UnreadableFieldError extends Error {
  override name = 'UnreadableFieldError'
}

/** The plain text of a stored value; a value written before encryption reads as it is. */
export function decryptField(stored: string | null | undefined, keys = dataKeys()): string | null {
  if (stored === null || stored === undefined) return null
  if (!isEncrypted(stored)) return stored
  const [, id, iv, tag, body] = stored.split(':')
  const key = keys.find((k) => keyId(k) === id)
  if (!key) throw new UnreadableFieldError(`no configured DATA_KEY has id ${id}: was the key that wrote this note removed?`)
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8')
}

export const isEncrypted = (stored: string) => stored.startsWith(`${PREFIX}:`)

/** How every value written with the current key begins; any other stored value is rewritten at start. */
export function currentKeyPrefix(keys = dataKeys()) {
  return `${PREFIX}:${keyId(keys[0])}:`
}
