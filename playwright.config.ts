import { defineConfig, devices } from '@playwright/test'

const PORT = Number(process.env.E2E_PORT ?? 3210)
export const E2E_DATABASE = 'tests/.tmp/e2e.db'
const E2E_MAILBOX = 'tests/.tmp/e2e-mailbox'
// the test workers write fixtures into the same database the e2e server uses
process.env.DATABASE_URL = `file:./${E2E_DATABASE}`
// the fixtures mint login cookies: they and the production-mode server share one secret
process.env.SESSION_SECRET ??= `e2e-${Date.now()}-${Math.random().toString(36).slice(2)}`
// …and one key for health notes at rest (fixtures write notes as the app does)
process.env.DATA_KEY ??= Buffer.from(Array.from({ length: 32 }, () => Math.floor(Math.random() * 256))).toString('base64')

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: 'zh-CN',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [{ name: 'phone', use: { ...devices['Pixel 5'], defaultBrowserType: 'chromium' } }],
  webServer: {
    // the built app on its own fresh database (created, migrated and seeded by the start script)
    command: `rm -rf ${E2E_DATABASE} ${E2E_DATABASE}-wal ${E2E_DATABASE}-shm ${E2E_MAILBOX} && node scripts/start.js`,
    url: `http://localhost:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      PORT: String(PORT),
      DATABASE_URL: `file:./${E2E_DATABASE}`,
      NODE_ENV: 'production',
      INSECURE_COOKIES: 'true',
      JOB_INTERVAL_MS: '500',
      MAILBOX_DIR: E2E_MAILBOX,
      SESSION_SECRET: process.env.SESSION_SECRET,
      DATA_KEY: process.env.DATA_KEY,
    },
  },
})
