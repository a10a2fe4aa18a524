import { test as base, expect, type Page } from '@playwright/test'
import { db } from '~/utils/db.server'
import { createLogin } from '~/models/user/login.server'
import { loginCookieStorage } from '~/utils/login-cookie.server'
import * as factories from '../factories'

/**
 * E2E fixtures: data is created with the shared factories straight into the e2e server's
 * database, and members are logged in by minting a real session cookie.
 */
export const test = base.extend<{
  db: typeof db
  login: (page: Page, userId: string) => Promise<void>
  /** A page of its own, logged in as an admin: the built-in mailbox is theirs only in production mode */
  mailbox: Page
}>({
  db: async ({}, use) => use(db),
  login: async ({ baseURL }, use) => {
    await use(async (page, userId) => {
      const { id } = await createLogin(userId)
      const session = await loginCookieStorage.getSession()
      session.set('sessionId', id)
      const value = (await loginCookieStorage.commitSession(session)).split(';')[0].split('=').slice(1).join('=')
      await page.context().addCookies([{ name: '__session', value, url: baseURL! }])
    })
  },
  mailbox: async ({ browser, baseURL }, use) => {
    const admin = await factories.createUser(db, { role: 'admin' })
    const context = await browser.newContext({ baseURL })
    const { id } = await createLogin(admin.id)
    const session = await loginCookieStorage.getSession()
    session.set('sessionId', id)
    const value = (await loginCookieStorage.commitSession(session)).split(';')[0].split('=').slice(1).join('=')
    await context.addCookies([{ name: '__session', value, url: baseURL! }])
    await use(await context.newPage())
    await context.close()
  },
})

/**
 * Wait until React has taken over the page (hydrateRoot marks the document): before that a tap
 * on a link that opens a dialog with JavaScript still follows the link, to the page that works
 * without it — right for a person, a race for a test that expects the dialog.
 */
export async function hydrated(page: Page) {
  await page.waitForFunction(() => Object.keys(document).some((key) => key.startsWith('__reactContainer$')))
}

export { expect, factories }
