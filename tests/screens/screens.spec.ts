import type { Page } from '@playwright/test'
import { demoCampSlug } from '../../prisma/seed'
import { testClock } from '../clock'
import { expect, factories, test } from '../e2e/fixtures'

const shot = (page: Page, name: string) => page.screenshot({ path: `docs/screens/${name}.png` })

test('the main pages at 360 px, zh-CN', async ({ page, db, login, browser }) => {
  await page.setViewportSize({ width: 360, height: 800 })
  const { now } = testClock()
  await page.goto('/')
  await shot(page, '01-home')

  const parent = await factories.createUser(db, { name: '王芳' })
  const year = Number(testClock().day(0).slice(0, 4))
  const { shanghaiTime } = await import('~/utils/time')
  const son = await factories.createChild(db, parent.id, { name: '李小明', birthDate: shanghaiTime(`${year - 9}-03-01`) })
  await factories.createChild(db, parent.id, { name: '李小雨', birthDate: shanghaiTime(`${year - 7}-05-20`), notes: '对花生过敏' })
  await login(page, parent.id)
  await page.goto(`/programmes/${demoCampSlug(new Date(), 1)}`)
  await shot(page, '02-camp')

  await page.getByRole('checkbox', { name: '李小明' }).check()
  await page.getByRole('button', { name: '报名', exact: true }).click()
  await expect(page.getByText('李小明 报名成功。')).toBeVisible()
  await page.goto('/programmes/truck-driver-checkups')
  await shot(page, '03-checkups-by-day')

  await page.goto('/me/bookings')
  await shot(page, '04-my-bookings')
  await page.getByRole('link', { name: '取消报名 · 李小明' }).click()
  await expect(page.getByRole('dialog')).toBeVisible()
  await shot(page, '05-cancel-asks-once')

  const session = await db.booking.findFirstOrThrow({
    where: { childId: son.id },
    select: { sessionId: true, session: { select: { programme: { select: { departmentId: true } } } } },
  })
  const organiser = await factories.createUser(db, {
    role: 'organiser',
    departmentId: session.session.programme.departmentId,
    name: '陈静',
  })
  const staff = await browser.newContext({
    viewport: { width: 360, height: 800 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  })
  const staffPage = await staff.newPage()
  await login(staffPage, organiser.id)
  await staffPage.goto(`/organiser/sessions/${session.sessionId}`)
  await shot(staffPage, '06-roster')
  await staff.close()
  void now
})
