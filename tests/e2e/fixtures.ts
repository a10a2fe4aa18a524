import { test as base, expect, type Page } from '@playwright/test'
import { db } from '~/utils/db.server'
import { createAuthSession } from '~/models/user/auth-session.server'
import { sessionStorage } from '~/utils/session.server'
import * as factories from '../factories'

/**
 * E2E fixtures: data is created with the shared factories straight into the e2e server's
 * database, and members are logged in by minting a real session cookie.
 */
export const test = base.extend<{ db: typeof db; login: (page: Page, userId: string) => Promise<void> }>({
  // eslint-disable-next-line no-empty-pattern
  db: async ({}, use) => use(db),
  login: async ({ baseURL }, use) => {
    await use(async (page, userId) => {
      const { id } = await createAuthSession(userId)
      const session = await sessionStorage.getSession()
      session.set('sessionId', id)
      const value = (await sessionStorage.commitSession(session)).split(';')[0].split('=').slice(1).join('=')
      await page.context().addCookies([{ name: '__session', value, url: baseURL! }])
    })
  },
})

export { expect, factories }
