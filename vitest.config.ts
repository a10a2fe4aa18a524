import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import LongestFirst from './tests/sequencer'

export default defineConfig({
  resolve: { alias: { '~': fileURLToPath(new URL('./app', import.meta.url)) } },
  test: {
    include: ['app/**/*.test.{ts,tsx}', 'tests/integration/**/*.test.{ts,tsx}'],
    globalSetup: ['./tests/global-setup.ts'],
    setupFiles: ['./tests/setup-db.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    sequence: { sequencer: LongestFirst },
    // two files at a time: most of the suite waits on I/O (real servers, SMTP, PostgreSQL, the
    // login slowdown), and vitest's default on a 2-core machine is one worker (cores - 1)
    maxWorkers: 2,
  },
})
