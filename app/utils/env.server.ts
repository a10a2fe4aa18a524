import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'

// Every setting has a default so `npm start` runs with no configuration at all.
const schema = z.object({
  NODE_ENV: z.enum(['production', 'development', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  // allow the session cookie over plain HTTP in production mode (local e2e runs only)
  INSECURE_COOKIES: z.enum(['true', 'false']).default('false'),
  SEED: z.enum(['true', 'false']).default('true'),
  // file:… (SQLite, the embedded default) or postgresql://user:pass@host:5432/db
  DATABASE_URL: z
    .string()
    .default('file:./data/carnation.db')
    .refine((url) => url.startsWith('file:') || /^postgres(ql)?:\/\/[^/]+\/\w/.test(url), {
      message: 'Use file:./path/to.db (SQLite) or postgresql://user:password@host:5432/database (docs/deploy.md).',
    }),
  // PostgreSQL only: connections per app instance, and the longest a statement may run
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  // SQLite only: how long a write waits for another process's lock before giving up (busy)
  DATABASE_BUSY_TIMEOUT_MS: z.coerce.number().int().min(10).default(5_000),
  // Express "trust proxy": which proxies may name the client in X-Forwarded-For (login limits
  // count per client address). "loopback" behind a local nginx; unset: the socket's address
  TRUST_PROXY: z.string().max(200).optional(),
  // Bounded queueing (app/utils/load-shedding.server.ts): requests running at once, how many
  // may wait, and for how long, before the "busy, try again" page is the answer
  LOAD_CONCURRENCY: z.coerce.number().int().min(1).max(10_000).default(64),
  LOAD_MAX_QUEUE: z.coerce.number().int().min(0).max(100_000).default(1_000),
  LOAD_MAX_WAIT_MS: z.coerce.number().int().min(100).max(120_000).default(4_000),
  // signs login cookies and mail links; comma-separated for rotation (the first signs).
  // Unset: development and tests use a public value; production generates one (see sessionSecrets)
  SESSION_SECRET: z.string().min(16).optional(),
  // encrypts health notes at rest (AES-256-GCM): comma-separated base64 32-byte keys, the first
  // writes, every one reads (rotation). Unset: see dataKeys()
  DATA_KEY: z.string().min(40).optional(),
  // privacy retention (docs/privacy.md): days after a session ends before children's notes and
  // guardians' phones leave its roster; days before ended bookings are anonymised
  RETAIN_NOTES_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  RETAIN_BOOKINGS_DAYS: z.coerce.number().int().min(1).max(36500).default(730),
  RETAIN_CHOICES_DAYS: z.coerce.number().int().min(0).max(365).default(7),
  // Public URL used in links inside mail; defaults to the local server.
  APP_URL: z.string().url().optional(),
  // Background jobs (offer expiry, mail worker) run inside the app process unless disabled.
  RUN_JOBS: z.enum(['true', 'false']).default('true'),
  JOB_INTERVAL_MS: z.coerce.number().int().min(50).default(5000),
  // Mail: SMTP_URL (smtp://user:pass@host:587) or the host/port/user/password parts. With none
  // set, the app runs its own SMTP mailbox on 127.0.0.1 and shows it at /dev/mailbox.
  SMTP_URL: z.string().url().optional(),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_SECURE: z.enum(['true', 'false']).default('false'),
  // on a plain smtp:// connection STARTTLS is required: a server (or a man in the middle) that
  // does not offer it fails the send rather than getting the mail in clear. 'false' only for a
  // relay on the same host or a trusted local network that has no TLS.
  SMTP_REQUIRE_TLS: z.enum(['true', 'false']).default('true'),
  MAIL_FROM: z.string().min(3).default('康乃馨 Carnation <no-reply@carnation.local>'),
  MAILBOX_DIR: z.string().default('data/mailbox'),
})

export type Env = z.infer<typeof schema>

/** Validate an environment; throws one message listing every problem. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(source)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')
    throw new Error(`Invalid environment:\n${problems}`)
  }
  return parsed.data
}

let cached: Env | undefined
export function getEnv(): Env {
  cached ??= parseEnv(process.env)
  return cached
}

export const PUBLIC_DEV_SECRET = 'carnation-dev-secret-change-me'
const secretsByEnv = new WeakMap<Env, string[]>()

/**
 * The secrets that sign login cookies and mail links. Production never runs on the public
 * development value: set explicitly to it, the app refuses to start; unset with the embedded
 * SQLite database, a random secret is made once and kept beside the database file (mode 600),
 * so `npm start` needs no configuration; unset with PostgreSQL (several instances must share
 * one), the app refuses to start and says what to set.
 */
export function sessionSecrets(env: Env = getEnv()): string[] {
  let secrets = secretsByEnv.get(env)
  if (!secrets) secretsByEnv.set(env, (secrets = resolveSecrets(env)))
  return secrets
}

function resolveSecrets(env: Env): string[] {
  const production = env.NODE_ENV === 'production'
  if (env.SESSION_SECRET) {
    const list = env.SESSION_SECRET.split(',')
      .map((s) => s.trim())
      .filter(Boolean)
    if (production && list.includes(PUBLIC_DEV_SECRET)) {
      throw new Error(
        'SESSION_SECRET is the public development value: set a long random one (e.g. `openssl rand -base64 32`) — docs/deploy.md.',
      )
    }
    return list
  }
  if (!production) return [PUBLIC_DEV_SECRET]
  if (!env.DATABASE_URL.startsWith('file:')) {
    throw new Error(
      'SESSION_SECRET is not set. With PostgreSQL every instance must share one: set SESSION_SECRET to a long random value (e.g. `openssl rand -base64 32`) — docs/deploy.md.',
    )
  }
  const file = path.join(path.dirname(env.DATABASE_URL.replace(/^file:/, '')), 'session-secret')
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  return [fs.readFileSync(file, 'utf8').trim()]
}

const keysByEnv = new WeakMap<Env, Buffer[]>()

/**
 * The keys that encrypt health notes at rest (app/utils/field-crypto.server.ts). Production
 * with PostgreSQL refuses to start without DATA_KEY; the embedded SQLite default makes one
 * key once, beside the database (mode 600), so `npm start` needs no configuration — keep
 * that file out of database backups (docs/privacy.md). Development and tests use a fixed key.
 */
export function dataKeys(env: Env = getEnv()): Buffer[] {
  let keys = keysByEnv.get(env)
  if (!keys) keysByEnv.set(env, (keys = resolveDataKeys(env)))
  return keys
}

const DEV_DATA_KEY = Buffer.alloc(32, 7)

function resolveDataKeys(env: Env): Buffer[] {
  if (env.DATA_KEY) {
    const keys = env.DATA_KEY.split(',').map((k) => Buffer.from(k.trim(), 'base64'))
    if (keys.some((k) => k.length !== 32))
      throw new Error('DATA_KEY: each key must be 32 bytes, base64 (e.g. `openssl rand -base64 32`) — docs/privacy.md.')
    return keys
  }
  if (env.NODE_ENV !== 'production') return [DEV_DATA_KEY]
  if (!env.DATABASE_URL.startsWith('file:')) {
    throw new Error(
      'DATA_KEY is not set: health notes are encrypted at rest. Set DATA_KEY to a random 32-byte base64 key (e.g. `openssl rand -base64 32`), the same on every instance — docs/privacy.md.',
    )
  }
  const file = path.join(path.dirname(env.DATABASE_URL.replace(/^file:/, '')), 'data-key')
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  return [Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64')]
}
