import type { Page } from '@playwright/test'
import { expect, factories, test } from './fixtures'

/** The one-time link in the newest mail to `to` with this subject, read from the built-in mailbox. */
async function linkFromMailbox(mailbox: Page, to: string, subject: string) {
  let link = ''
  await expect(async () => {
    await mailbox.goto('/dev/mailbox')
    const mail = mailbox.locator('li.mail-item').filter({ hasText: to }).filter({ hasText: subject }).first()
    const text = await mail.locator('pre.mail-text').first().textContent({ timeout: 1000 })
    link = /https?:\/\/\S+\/account\/(?:reset|verify)\/\S+/.exec(text ?? '')?.[0] ?? ''
    expect(link).not.toBe('')
  }).toPass({ timeout: 20_000 })
  return new URL(link).pathname + new URL(link).search
}

test('sign up on a phone: the page says mail waits; the link in the mail verifies the address', async ({ page, mailbox }) => {
  const email = `verify-${Date.now()}@example.cn`
  await page.goto('/signup')
  await page.getByLabel('电子邮箱').fill(email)
  await page.getByLabel('密码', { exact: true }).fill('summer2027')
  await page.getByLabel('确认密码').fill('summer2027')
  await page.getByLabel('姓名').fill('孙莉')
  await page.getByLabel('手机号码').fill('13800138001')
  await page.getByLabel('性别').selectOption('female')
  await page.getByLabel('出生日期').fill('1991-02-03')
  await page.getByLabel('我已阅读并同意《隐私说明》').check()
  await page.getByRole('button', { name: '注册' }).click()
  await expect(page.getByText(`请验证您的邮箱 ${email}`)).toBeVisible()

  const path = await linkFromMailbox(mailbox, email, '请验证您的邮箱')
  await page.goto(path)
  await page.getByRole('button', { name: '确认邮箱' }).click()
  await expect(page.getByText(`邮箱 ${email} 已验证`)).toBeVisible()
  await page.goto('/me/profile')
  await expect(page.getByText('已验证')).toBeVisible()
  await expect(page.getByText('请验证您的邮箱')).toHaveCount(0)
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('forgot password: the mailed link sets a new one and signs in; the old password no longer works', async ({ page, db, mailbox }) => {
    const member = await factories.createUser(db, { email: `forgot-${Date.now()}@example.cn`, name: '吴敏' })
    await page.goto('/login')
    await page.getByRole('link', { name: '忘记密码？' }).click()
    await page.getByLabel('电子邮箱').fill(member.email)
    await page.getByRole('button', { name: '发送重置链接' }).click()
    await expect(page.getByText('如果该邮箱已注册，重置链接已经发出')).toBeVisible()

    const path = await linkFromMailbox(mailbox, member.email, '重置密码')
    await page.goto(path)
    await page.getByLabel('新密码').fill('autumn2027')
    await page.getByLabel('确认密码').fill('autumn2027')
    await page.getByRole('button', { name: '保存新密码' }).click()
    await expect(page).toHaveURL(/\/me\/bookings/)
    await expect(page.getByText('密码已重置，其他设备上的登录已全部退出。')).toBeVisible()

    // the link is spent
    await page.goto(path)
    await expect(page.getByText('这个链接已经用过了')).toBeVisible()

    await page.getByRole('button', { name: '退出' }).click()
    await page.goto('/login')
    await page.getByLabel('电子邮箱').fill(member.email)
    await page.getByLabel('密码').fill(factories.DEMO_PASSWORD)
    await page.getByRole('button', { name: '登录' }).click()
    await expect(page.getByText('邮箱或密码不正确。')).toBeVisible()
  })
})
