import { expect, test } from './fixtures'

test('browse in Chinese, switch to English, filter, open a programme', async ({ page }) => {
  const violations: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text())
  })
  const response = await page.goto('/')
  // compressed for the phone (brotli or gzip, whichever the browser prefers)
  expect(response?.headers()['content-encoding']).toMatch(/^(br|gzip)$/)
  // a strict CSP, and Remix's own scripts (carrying the nonce) still run: the page hydrates
  expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+'/)
  expect(response?.headers()['x-content-type-options']).toBe('nosniff')
  await page.waitForFunction(() => '__remixRouter' in window)
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
  await expect(page.getByRole('heading', { level: 1 })).toContainText('康乃馨')
  await expect(page.getByText('育婴员职业技能培训班')).toBeVisible()

  await page.getByRole('button', { name: 'English' }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Carnation')
  // the choice is remembered
  await page.goto('/programmes')
  await expect(page.getByRole('heading', { name: 'Upcoming programmes' })).toBeVisible()

  await page.getByRole('radio', { name: 'Health check-up' }).check()
  await page.getByRole('button', { name: 'Filter' }).click()
  await expect(page).toHaveURL(/kind=checkup/)
  await expect(page.getByRole('link', { name: 'Free Health Check-ups for Truck Drivers' })).toBeVisible()
  await expect(page.getByText('Childcare Worker (Yuyingyuan) Skills Course')).toHaveCount(0)

  await page.getByRole('link', { name: 'Free Health Check-ups for Truck Drivers' }).click()
  await expect(page.getByRole('heading', { name: 'Sessions' })).toBeVisible()
  await expect(page.getByText('4 places left').first()).toBeVisible()
  expect(violations).toEqual([])
})

test('sign up, add a child, log out, log in again', async ({ page }) => {
  const email = `e2e-${Date.now()}@example.cn`
  await page.goto('/signup')
  await page.getByLabel('电子邮箱').fill(email)
  await page.getByLabel('密码', { exact: true }).fill('short')
  await page.getByLabel('确认密码').fill('short')
  await page.getByRole('button', { name: '注册' }).click()
  await expect(page.getByText('密码至少 10 位')).toBeVisible()

  await page.getByLabel('密码', { exact: true }).fill('summer2027')
  await page.getByLabel('确认密码').fill('summer2027')
  await page.getByLabel('姓名').fill('赵敏')
  await page.getByLabel('手机号码').fill('13800138000')
  await page.getByLabel('性别').selectOption('female')
  await page.getByLabel('出生日期').fill('1990-06-01')
  await page.getByLabel('我已阅读并同意《隐私说明》').check()
  await page.getByRole('button', { name: '注册' }).click()
  await expect(page).toHaveURL(/\/me\/children/)

  await page.getByLabel('孩子姓名').fill('赵小宝')
  await page.getByLabel('出生日期').fill('2017-08-08')
  await page.getByLabel('性别').selectOption('male')
  await page.getByLabel('健康 / 过敏等注意事项（选填）').fill('哮喘，随身带药')
  // health notes need the guardian's separate consent: without it, nothing is saved
  await page.getByLabel(/同意平台为报名和组织活动处理孩子/).check()
  await page.getByRole('button', { name: '保存' }).click()
  await expect(page.getByText('请勾选此项同意后再保存')).toBeVisible()
  await page.getByLabel(/同意平台处理孩子的健康信息/).check()
  await page.getByRole('button', { name: '保存' }).click()
  await expect(page.getByRole('listitem').filter({ hasText: '赵小宝' })).toBeVisible()

  await page.getByRole('button', { name: '退出' }).click()
  await expect(page.getByRole('link', { name: '登录' })).toBeVisible()

  await page.goto('/login')
  await page.getByLabel('电子邮箱').fill(email)
  await page.getByLabel('密码').fill('wrong-password1')
  await page.getByRole('button', { name: '登录' }).click()
  await expect(page.getByText('邮箱或密码不正确。')).toBeVisible()
  await page.getByLabel('密码').fill('summer2027')
  await page.getByRole('button', { name: '登录' }).click()
  await expect(page).toHaveURL(/\/me\/bookings/)
  await page.goto('/me/children')
  await expect(page.getByText('赵小宝')).toBeVisible()
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('the catalogue filters and the language switch work', async ({ page }) => {
    await page.goto('/programmes')
    await expect(page.getByText('“会聚良缘·春风报信来”第八届青年职工交友活动')).toBeVisible()
    await page.getByRole('radio', { name: '青年交友' }).check()
    await page.getByRole('button', { name: '筛选' }).click()
    await expect(page).toHaveURL(/kind=social/)
    await expect(page.getByText('货车司机免费健康体检')).toHaveCount(0)
    await expect(page.getByText('“会聚良缘·春风报信来”第八届青年职工交友活动')).toBeVisible()
    await page.getByRole('button', { name: 'English' }).click()
    await expect(page.getByText('The 8th Young Workers’ Social: “Spring Breeze Brings Good News”')).toBeVisible()
  })
})
