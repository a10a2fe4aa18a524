import { RateLimiterPrisma } from 'rate-limiter-flexible'
import { db, type Db } from './db.server'

// Limits against password guessing, counted in the database (the RateLimiterFlexible table),
// so that every app instance behind the load balancer shares one count.
export function createLimiter(name: string, points: number, durationSeconds: number, client: () => Db = () => db) {
  let store: RateLimiterPrisma | undefined
  return {
    async allow(key: string) {
      store ??= new RateLimiterPrisma({ storeClient: client(), keyPrefix: name, points, duration: durationSeconds })
      try {
        await store.consume(key)
        return true
      } catch (rejection) {
        if (rejection instanceof Error) throw rejection // the store failed, not the limit
        return false
      }
    },
  }
}

export const loginLimiter = createLimiter('login', 10, 15 * 60)
