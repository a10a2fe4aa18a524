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
  // Bounded queueing (app/utils/load-shedding.server.ts): requests running at once, how many
  // may wait, and for how long, before the "busy, try again" page is the answer
  LOAD_CONCURRENCY: z.coerce.number().int().min(1).max(10_000).default(64),
  LOAD_MAX_QUEUE: z.coerce.number().int().min(0).max(100_000).default(1_000),
  LOAD_MAX_WAIT_MS: z.coerce.number().int().min(100).max(120_000).default(4_000),
  SESSION_SECRET: z.string().min(16).default('carnation-dev-secret-change-me'),
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
