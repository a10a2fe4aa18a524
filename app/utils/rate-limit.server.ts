import { RateLimiterMemory } from 'rate-limiter-flexible'

// Per-process limits against password guessing. Several instances each keep their own
// count, which is enough to make guessing slow; a shared store can replace this later.
function limiter(points: number, durationSeconds: number) {
  const store = new RateLimiterMemory({ points, duration: durationSeconds })
  return {
    async allow(key: string) {
      try {
        await store.consume(key)
        return true
      } catch {
        return false
      }
    },
  }
}

export const loginLimiter = limiter(10, 15 * 60)
