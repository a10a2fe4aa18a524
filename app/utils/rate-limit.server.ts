import { RateLimiterPrisma } from 'rate-limiter-flexible'
import { db, type Db } from './db.server'

// Limits counted in the database (the RateLimiterFlexible table), so that every app instance
// behind the load balancer shares one count. Keys for clients come from clientKey()
// (app/utils/request.server.ts): an IPv6 client is its /64, since one phone or home holds the
// whole prefix and would otherwise get a fresh budget from every address in it.
export function createLimiter(name: string, points: number, durationSeconds: number, client: () => Db = () => db) {
  let instance: RateLimiterPrisma | undefined
  const store = () => (instance ??= new RateLimiterPrisma({ storeClient: client(), keyPrefix: name, points, duration: durationSeconds }))
  return {
    points,
    /** Has this key used up its points in the current window? (counts nothing) */
    async blocked(key: string) {
      const state = await store().get(key)
      return state !== null && state.consumedPoints >= points
    },
    /** Points used in the current window (counts nothing). */
    async used(key: string) {
      return (await store().get(key))?.consumedPoints ?? 0
    },
    /** Forget the key (a success clears its failures). */
    async reset(key: string) {
      await store().delete(key)
    },
    /** Give one point back (an attempt counted before it turned out to be a success). */
    async refund(key: string) {
      await store().reward(key, 1)
    },
    /**
     * Take a point, atomically in the store: how many this window has used, counting this
     * one, and whether it was still within the limit. Counting *before* the work is what
     * stops a burst of concurrent requests all passing a check none of them has counted yet.
     */
    async take(key: string): Promise<{ allowed: boolean; used: number }> {
      try {
        const state = await store().consume(key)
        return { allowed: true, used: state.consumedPoints }
      } catch (rejection) {
        if (rejection instanceof Error) throw rejection // the store failed, not the limit
        return { allowed: false, used: (rejection as { consumedPoints: number }).consumedPoints }
      }
    },
    /** Take a point; false once the window's points are gone. */
    async allow(key: string) {
      return (await this.take(key)).allowed
    },
  }
}
export type Limiter = ReturnType<typeof createLimiter>

/**
 * Password guesses (login, and every form that asks for the current password). Each attempt is
 * counted before the password is checked and refunded if it was right.
 * - per account *and* client: ten wrong passwords from one client pause that pair for 15
 *   minutes — a rival guessing at a parent's account cannot lock the parent out on theirs;
 * - per client: fifty, however many accounts it tries;
 * - per account, from anywhere: never a block, a slowdown (passwordDelayMs) that makes
 *   guessing from many addresses slow while the owner still gets in.
 */
export const loginFailuresByAccount = createLimiter('login-account', 10, 15 * 60)
export const loginFailuresByAddress = createLimiter('login-address', 50, 15 * 60)
export const loginAttemptsByAccountAnywhere = createLimiter('login-anywhere', 1_000_000, 15 * 60)

/** The slowdown of a password check after `failures` recent failures on the account: 0 for
 * the first five, then 0.5 s doubling to at most 4 s. */
export function passwordDelayMs(failures: number) {
  return failures <= 5 ? 0 : Math.min(4_000, 500 * 2 ** (failures - 6))
}

/**
 * Every path that sends mail on a request from outside, per recipient account and per client:
 * nobody can flood a member's inbox, and one client cannot send thousands of mails. Past a
 * limit the page answers as it always does where the answer must not tell who has an account
 * (forgot password), and 429 elsewhere.
 */
export const MAIL_LIMITS = {
  'reset-password': { perAccount: createLimiter('reset-account', 3, 60 * 60), perClient: createLimiter('reset-address', 20, 60 * 60) },
  'verify-email': { perAccount: createLimiter('verify-account', 3, 60 * 60), perClient: createLimiter('verify-address', 20, 60 * 60) },
  'change-email': { perAccount: createLimiter('change-account', 3, 60 * 60), perClient: createLimiter('change-address', 20, 60 * 60) },
} as const
export type LimitedMail = keyof typeof MAIL_LIMITS

/** May this client have this mail sent for this account now? Counts one against both. */
export async function allowMail(kind: LimitedMail, input: { account: string; client: string }) {
  const limits = MAIL_LIMITS[kind]
  const [byClient, byAccount] = await Promise.all([limits.perClient.take(input.client), limits.perAccount.take(input.account)])
  return byClient.allowed && byAccount.allowed
}

/**
 * Sign-ups from one client: ten an hour. Sign-up signs in at once (a parent's first minute at
 * a camp opening matters) and so must say when an address is taken; this limit is what stops
 * a client from checking a list of addresses (docs/decisions/0016-accounts-under-attack.md).
 */
export const signupsByClient = createLimiter('signup-client', 10, 60 * 60)
