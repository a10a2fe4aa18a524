import { bookSession } from '~/models/booking/book-session.server'
import { testClock } from '../clock'
import { expect, factories, test } from './fixtures'

const { createDepartment, createProgramme, createSession, createUser } = factories

test.use({ javaScriptEnabled: false, viewport: { width: 360, height: 800 } })

test('an organiser sets a reminder rule and what to bring without JavaScript; the member’s reminder arrives at its moment, with the text', async ({
  page,
  browser,
  db,
  login,
  mailbox,
}) => {
  test.setTimeout(150_000)
  const { now } = testClock()
  const dept = await createDepartment(db)
  const stamp = Date.now()
  const title = `提醒测试体检 ${stamp}`
  const programme = await createProgramme(db, dept.id, { kind: 'checkup', titleZh: title, titleEn: `Reminder check-up ${stamp}` }, now)
  // the check-up starts on the first whole minute at least 2 hours and 25 seconds away (meetings
  // start on a minute): a "2 hours before" rule is due 25 to 85 seconds from now
  const startsAt = new Date(Math.ceil((Date.now() + 2 * 3_600_000 + 25_000) / 60_000) * 60_000)
  const session = await createSession(db, programme.id, { startsAt, endsAt: new Date(startsAt.getTime() + 20 * 60_000), capacity: 4 }, now)
  const moment = startsAt.getTime() - 2 * 3_600_000
  const member = await createUser(db, { name: '张师傅' })
  await bookSession({ userId: member.id, sessionId: session.id, attendees: [{ kind: 'self', userId: member.id }] })

  const organiser = await createUser(db, { role: 'organiser', departmentId: dept.id })
  await login(page, organiser.id)
  await page.goto(`/organiser/programmes/${programme.id}`)
  const form = page.locator('form#reminders')
  await expect(form.getByText('“提前几小时”按活动开始时间倒推')).toBeVisible()
  const rule = form.getByRole('group', { name: '提醒 1' })
  await rule.getByLabel('何时提醒').selectOption('hours')
  await rule.getByLabel('提前几小时').fill('2')
  await rule.getByLabel('哪几次活动').selectOption('first')
  await form.getByLabel('需要准备的东西 / 注意事项（中文）').fill('空腹，带身份证')
  await form.getByRole('button', { name: '保存提醒设置' }).click()
  await expect(page.getByText('已保存')).toBeVisible()
  await expect(page.locator('form#reminders').getByRole('group', { name: '提醒 1' }).getByLabel('提前几小时')).toHaveValue('2')
  // axe reads this page (with the form) in both languages in phone.spec.ts
  // the programme page shows what to bring
  const visitor = await browser.newContext({ javaScriptEnabled: false })
  const open = await visitor.newPage()
  await open.goto(`http://localhost:3210/programmes/${programme.slug}`)
  await expect(open.getByText('空腹，带身份证')).toBeVisible()
  await visitor.close()

  // not before its moment…
  if (Date.now() < moment - 3_000) {
    await mailbox.goto('/dev/mailbox')
    await expect(mailbox.getByText(new RegExp(`活动提醒：${title}`))).toHaveCount(0)
  }
  // …and there once it has come (the job runs every half second in the e2e server)
  await expect(async () => {
    await mailbox.goto('/dev/mailbox')
    await expect(mailbox.getByText(new RegExp(`活动提醒：${title}`))).toBeVisible({ timeout: 1000 })
  }).toPass({ timeout: 100_000 })
  expect(Date.now()).toBeGreaterThanOrEqual(moment)
  const mail = mailbox.locator('li.mail-item').filter({ hasText: `活动提醒：${title}` })
  await expect(mail).toContainText('张师傅')
  await expect(mail).toContainText('空腹，带身份证')
  await expect(mail).toHaveCount(1)
})
