import { RateLimiterPrisma } from 'rate-limiter-flexible'
import { db, type Db } from './db.server'

// Limits against password guessing, counted in the database (the RateLimiterFlexible table),
// so that every app instance behind the load balancer shares one count.
export function createLimiter(name: string, points: number, durationSeconds: number, client: () => Db = () => db) {
  let instance: RateLimiterPrisma | undefined
  const store = () => (instance ??= new RateLimiterPrisma({ storeClient: client(), keyPrefix: name, points, duration: durationSeconds }))
  return {
    /** Has this key used up its points in the current window? (counts nothing) */
    async blocked(key: string) {
      const state = await store().get(key)
      return state !== null && state.consumedPoints >= points
    },
    /** Count one (a failure) without refusing. */
    async count(key: string) {
      await store().penalty(key, 1)
    },
    /** Forget the key (a success clears its failures). */
    async reset(key: string) {
      await store().delete(key)
    },
    /** Take a point; false once the window's points are gone. */
    async allow(key: string) {
      try {
        await store().consume(key)
        return true
      } catch (rejection) {
        if (rejection instanceof Error) throw rejection // the store failed, not the limit
        return false
      }
    },
  }
}

/**
 * Failed logins, never successes. Per account *and* address: ten wrong passwords for one
 * account from one address pause that pair for 15 minutes — a rival guessing at a parent's
 * account from their phone cannot lock the parent out on theirs. Per address: fifty failures
 * from one address pause it, however many accounts it tries.
 */
export const loginFailuresByAccount = createLimiter('login-account', 10, 15 * 60)
export const loginFailuresByAddress = createLimiter('login-address', 50, 15 * 60)

/**
 * "Forgot password" mails: three an hour to one address (nobody can flood a member's inbox),
 * twenty an hour from one client address. Past either, the page answers as always and sends
 * nothing.
 */
export const resetMailsByAccount = createLimiter('reset-account', 3, 60 * 60)
export const resetMailsByAddress = createLimiter('reset-address', 20, 60 * 60)
