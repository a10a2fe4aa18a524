import fs from 'node:fs'
import { testClock } from '../clock'
import { expect, factories, test } from './fixtures'

const { createDepartment, createProgramme, createSession, createUser } = factories

test('book in the browser, the confirmation arrives in the member’s language with the invite; the .ics downloads', async ({
  page,
  db,
  login,
  mailbox,
}) => {
  const { now } = testClock()
  const dept = await createDepartment(db)
  const title = `Mail test course ${Date.now()}`
  const programme = await createProgramme(db, dept.id, { titleEn: title, titleZh: `邮件测试课程 ${Date.now()}` }, now)
  await createSession(db, programme.id, { capacity: 5 }, now)
  const member = await createUser(db, { name: 'Li Lei', locale: 'en' })
  await login(page, member.id)

  await page.goto(`/programmes/${programme.slug}`)
  await page.getByRole('button', { name: '报名' }).click()
  await expect(page.getByText('报名成功')).toBeVisible()

  // the in-process worker sends through the built-in SMTP mailbox within a second or two
  await expect(async () => {
    await mailbox.goto('/dev/mailbox')
    await expect(mailbox.getByText(`Booked: ${title}`)).toBeVisible({ timeout: 1000 })
  }).toPass({ timeout: 20_000 })
  const mail = mailbox.locator('li.mail-item').filter({ hasText: `Booked: ${title}` })
  await expect(mail).toContainText('Dear Li Lei')
  await expect(mail.getByText(/invite\.ics/)).toBeVisible()
  await mail.getByText(/invite\.ics/).click()
  await expect(mail).toContainText('METHOD:REQUEST')
  // the member cannot read the built-in mailbox (in production mode it is the admins')
  expect((await page.goto('/dev/mailbox'))?.status()).toBe(404)

  await page.goto('/me/bookings')
  const downloadPromise = page.waitForEvent('download')
  await page.getByRole('link', { name: '添加到日历（.ics）' }).click()
  const download = await downloadPromise
  const ics = fs.readFileSync((await download.path())!, 'utf8')
  expect(ics).toContain('BEGIN:VEVENT')
  expect(ics).toContain('TZID=Asia/Shanghai')
})
