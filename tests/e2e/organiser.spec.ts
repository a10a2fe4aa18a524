import fs from 'node:fs'
import type { Page } from '@playwright/test'
import { testClock } from '../clock'
import { expect, factories, test } from './fixtures'

const { createDepartment, createUser } = factories

/** Open a collapsible form section (whatever state an earlier submit left it in). */
async function openSection(page: Page, summary: string) {
  const details = page.locator('details').filter({ has: page.locator('summary', { hasText: summary }) })
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click()
}

/** `page` must be an admin's: the built-in mailbox is theirs only, in production mode. */
async function mailboxShows(page: Page, subject: string, contains: string) {
  await expect(async () => {
    await page.goto('/dev/mailbox')
    const mail = page.locator('li.mail-item').filter({ hasText: subject }).filter({ hasText: contains })
    await expect(mail.first()).toBeAttached({ timeout: 1000 })
  }).toPass({ timeout: 20_000 })
}

test('an organiser runs a training course from creation to cancellation, on a phone', async ({ page, browser, db, login, mailbox }) => {
  const stamp = Date.now()
  const clock = testClock()
  const [first, second] = [clock.day(300), clock.day(307)]
  const dept = await createDepartment(db, { nameZh: `测试部${stamp}`, nameEn: `Dept ${stamp}` })
  const organiser = await createUser(db, { role: 'organiser', departmentId: dept.id, name: '陈组织' })
  const member = await createUser(db, { name: '赵会员', locale: 'en' })
  await login(page, organiser.id)

  await page.goto('/organiser/programmes/new')
  await page.getByLabel('网址标识').fill(`mental-health-${stamp}`)
  await page.getByLabel('类别').selectOption('training')
  await page.getByLabel('中文标题').fill(`心理健康工作坊 ${stamp}`)
  await page.getByLabel('英文标题').fill(`Mental Health Workshop ${stamp}`)
  await page.getByLabel('中文简介').fill('两次课')
  await page.getByLabel('英文简介').fill('Two meetings')
  await page.getByLabel('中文详细介绍').fill('职工心理健康讲座')
  await page.getByLabel('英文详细介绍').fill('Talks on workers’ mental health')
  await page.getByLabel('报名对象').selectOption('self')
  await page.getByLabel('开始报名时间').fill(`${clock.day(-1)}T09:00`)
  await page.getByLabel('截止报名时间').fill(`${clock.day(400)}T09:00`)
  await page.getByRole('button', { name: '保存' }).click()
  await expect(page).toHaveURL(/\/organiser\/programmes\/\w+/)

  for (const [start, end] of [
    [`${first}T14:00`, `${first}T16:00`],
    [`${second}T14:00`, `${second}T16:00`],
  ]) {
    await openSection(page, '添加单场')
    const form = page.locator('details[open]')
    await form.getByLabel('开始时间').fill(start)
    await form.getByLabel('结束时间').fill(end)
    // the add-term form has its own 名额 (each label reaches its own field now)
    await form.getByLabel('名额', { exact: true }).fill('10')
    await form.getByLabel('中文地点').fill('职工服务中心')
    await form.getByLabel('英文地点').fill('Workers’ Service Centre')
    await page.getByRole('button', { name: '保存' }).first().click()
    await expect(page.getByText('已添加 1 个场次。')).toBeVisible()
  }
  await page.getByRole('button', { name: '发布' }).click()
  await expect(page.getByText('已发布')).toBeVisible()
  const slug = `mental-health-${stamp}`

  // a member books the first session
  const memberPage = await (await browser.newContext({ locale: 'zh-CN' })).newPage()
  await login(memberPage, member.id)
  await memberPage.goto(`/programmes/${slug}`)
  await memberPage.getByRole('button', { name: '报名' }).first().click()
  await expect(memberPage.getByText('赵会员 报名成功。')).toBeVisible()

  // the organiser's roster: check in, export
  await page.goto('/organiser')
  await page
    .locator('article')
    .filter({ hasText: `心理健康工作坊 ${stamp}` })
    .getByRole('link', { name: '名单' })
    .first()
    .click()
  await expect(page.getByText('赵会员')).toBeVisible()
  const rosterUrl = page.url()
  // the session is weeks away: checking in now is the recorded override
  await page.getByRole('button', { name: '提前/补签到（记录在案）' }).click()
  // the roster's count line (the row itself also says 已签到 with the time)
  await expect(page.getByText(/· 已签到 1$/)).toBeVisible()
  const downloadPromise = page.waitForEvent('download')
  await page.getByRole('link', { name: '导出 CSV（Excel）' }).click()
  const csv = fs.readFileSync((await (await downloadPromise).path())!, 'utf8')
  expect(csv.charCodeAt(0)).toBe(0xfeff)
  expect(csv).toContain('赵会员')

  // change the time: the member's mailbox gets an updated invite
  await openSection(page, '修改时间或地点')
  await page.getByLabel('开始时间').fill(`${first}T15:00`)
  await page.getByLabel('结束时间').fill(`${first}T17:00`)
  await page.getByRole('button', { name: '保存' }).click()
  await expect(page.getByText('已完成。')).toBeVisible()
  await mailboxShows(mailbox, `Time or place changed: Mental Health Workshop ${stamp}`, 'SEQUENCE:1')

  // cancel the session: the mailbox shows the CANCEL invite
  await page.goto(rosterUrl)
  await openSection(page, '取消本场（会通知所有报名者）')
  await page.getByLabel('原因（会通知所有报名者）').fill('讲师临时有事')
  await page.getByRole('button', { name: '取消本场（会通知所有报名者）' }).click()
  await expect(page.getByText('本场已取消。').first()).toBeVisible()
  await mailboxShows(mailbox, `Cancelled: Mental Health Workshop ${stamp}`, 'METHOD:CANCEL')
})
