import { shanghaiTime } from '~/utils/time'
import { demoCampSlug } from '../../prisma/seed'
import { testClock } from '../clock'
import { expect, factories, hydrated, test } from './fixtures'

const { createDepartment, createProgramme, createSession, createUser, createChild } = factories

test('a parent books two children into a camp term', async ({ page, db, login }) => {
  const parent = await createUser(db, { name: '孙丽' })
  // nine and seven years old this spring: inside the camp's 6–12 whatever the year
  const year = Number(testClock().day(0).slice(0, 4))
  await createChild(db, parent.id, { name: '孙一一', birthDate: shanghaiTime(`${year - 9}-03-01`) })
  await createChild(db, parent.id, { name: '孙二二', birthDate: shanghaiTime(`${year - 7}-03-01`) })
  await login(page, parent.id)

  // the seed names the camp after the coming summer
  await page.goto(`/programmes/${demoCampSlug(new Date(), 1)}`)
  await page.getByRole('checkbox', { name: '孙一一' }).check()
  await page.getByRole('checkbox', { name: '孙二二' }).check()
  // the demo camp's questions: an emergency contact once, photo consent and medicine per child
  const form = page.locator('form.book-children')
  await form.getByLabel(/^紧急联系人\s*（必填）$/).fill('孙奶奶')
  await form.getByLabel(/^紧急联系人电话/).fill('13900007777')
  for (const name of ['孙一一', '孙二二']) {
    const child = form.locator('fieldset.questions', { hasText: `${name} 的报名信息` })
    await child
      .getByRole('group', { name: /是否同意拍摄/ })
      .getByLabel('是')
      .check()
    await child
      .getByRole('group', { name: /是否需要服药/ })
      .getByLabel('否')
      .check()
  }
  await page.getByRole('button', { name: '报名' }).click()
  await expect(page.getByText('孙一一 报名成功。')).toBeVisible()
  await expect(page.getByText('孙二二 报名成功。')).toBeVisible()
  await expect(page.getByText('孙一一：已报名')).toBeVisible()

  await page.goto('/me/bookings')
  await expect(page.getByRole('heading', { name: '孙一一' })).toBeVisible()
  await expect(page.getByRole('heading', { name: '孙二二' })).toBeVisible()
})

async function fullSocial(db: Parameters<typeof createDepartment>[0]) {
  const { now } = testClock()
  const dept = await createDepartment(db)
  const programme = await createProgramme(
    db,
    dept.id,
    {
      kind: 'social',
      titleZh: `单人交友测试 ${Date.now()}`,
      waitlistMode: 'auto',
      cancelDeadlineHours: 1,
    },
    now,
  )
  await createSession(db, programme.id, { capacity: 1 }, now)
  return programme
}

test('full social → waitlist with position → a cancellation promotes the first in line', async ({ browser, db, login }) => {
  const programme = await fullSocial(db)
  const holder = await createUser(db, { name: '周一' })
  const waiter = await createUser(db, { name: '吴二' })

  const holderPage = await (await browser.newContext({ locale: 'zh-CN' })).newPage()
  await login(holderPage, holder.id)
  await holderPage.goto(`/programmes/${programme.slug}`)
  await holderPage.getByRole('button', { name: '报名' }).click()
  await expect(holderPage.getByText('周一 报名成功。')).toBeVisible()

  const waiterPage = await (await browser.newContext({ locale: 'zh-CN' })).newPage()
  await login(waiterPage, waiter.id)
  await waiterPage.goto(`/programmes/${programme.slug}`)
  await expect(waiterPage.getByText('已满 · 可候补')).toBeVisible()
  await waiterPage.getByRole('button', { name: '加入候补' }).click()
  await expect(waiterPage.getByText('名额已满，吴二 已加入候补，排第 1 位。')).toBeVisible()
  await waiterPage.goto('/me/bookings')
  await expect(waiterPage.getByText('候补第 1 位').first()).toBeVisible()

  await holderPage.goto('/me/bookings')
  await hydrated(holderPage)
  // cancelling asks once (a dialog with JavaScript)
  await holderPage.getByRole('link', { name: /^取消报名 · / }).click()
  await holderPage.getByRole('dialog').getByRole('button', { name: '确认取消报名' }).click()
  await expect(holderPage.getByText(/^已取消 .+ 的报名。$/)).toBeVisible()

  await waiterPage.reload()
  const upcoming = waiterPage.locator('li.booking-item[data-status="confirmed"]')
  await expect(upcoming).toContainText(programme.titleZh)
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('book, see the waitlist, cancel', async ({ page, db, login }) => {
    const programme = await fullSocial(db)
    const first = await createUser(db, { name: '郑三' })
    await login(page, first.id)
    await page.goto(`/programmes/${programme.slug}`)
    await page.getByRole('button', { name: '报名' }).click()
    await expect(page.getByText('郑三 报名成功。')).toBeVisible()
    await page.goto('/me/bookings')
    // cancelling asks once (a page of its own without JavaScript)
    await page.getByRole('link', { name: '取消报名 · 郑三' }).click()
    await page.getByRole('button', { name: '确认取消报名' }).click()
    await expect(page.getByText('已取消 郑三 的报名。')).toBeVisible()
    await page.goto('/me/bookings')
    await expect(page.locator('li.booking-item[data-status="cancelled"]')).toContainText(programme.titleZh)
  })
})
