import { describe, expect, test, vi } from 'vitest'
import { startJobRunner } from './job-runner.server'

describe('job runner', () => {
  test('a slow job does not hold up the others, and never runs twice at once', async () => {
    let releaseSlow = () => {}
    const slow = vi.fn(() => new Promise<void>((resolve) => (releaseSlow = resolve)))
    const fast = vi.fn(async () => {})
    const runner = startJobRunner(60_000, [
      { name: 'slow', run: slow },
      { name: 'fast', run: fast },
    ])
    void runner.tick()
    await new Promise((resolve) => setTimeout(resolve, 10)) // the fast job has finished; the slow one has not
    await runner.tick()
    expect(fast).toHaveBeenCalledTimes(2)
    expect(slow).toHaveBeenCalledTimes(1)
    releaseSlow()
    runner.stop()
  })
})
