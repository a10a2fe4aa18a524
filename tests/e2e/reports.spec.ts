import { expect, test } from './fixtures'
import { DEMO_ACCOUNTS } from '../../prisma/seed'
import { shanghaiDay } from '~/utils/time'
import { testClock } from '../clock'

// The demo's numbers for an organiser on a phone and on a desktop, without JavaScript: the
// paragraph, the charts (SVG images with names) and the tables; the downloads answer.
test.use({ javaScriptEnabled: false })

for (const viewport of [
  { width: 360, height: 800 },
  { width: 1280, height: 900 },
]) {
  test(`an organiser reads the report at ${viewport.width} px: paragraph, charts and tables, no script needed`, async ({
    page,
    db,
    login,
  }) => {
    await page.setViewportSize(viewport)
    const organiser = await db.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.womenOrganiser } })
    await login(page, organiser.id)
    await page.goto('/organiser')
    await page.getByRole('link', { name: '统计报表：服务人数、未满足的需求' }).click()
    await expect(page.getByRole('heading', { level: 1, name: '统计报表' })).toBeVisible()
    await expect(page.locator('blockquote')).toContainText('女工部共开设活动')
    // a period through the plain form: the two months before this one up to this one (the finished course is in it)
    const { now } = testClock()
    const month = (date: Date) => shanghaiDay(date).slice(0, 7)
    const from = month(new Date(now.getTime() - 60 * 86_400_000))
    await page.getByLabel('从（月份）').fill(from)
    await page.getByLabel('到（月份）').fill(month(now))
    await page.getByRole('button', { name: '查看' }).click()
    await expect(page).toHaveURL(new RegExp(`from=${from}`))
    await expect(page.getByRole('img', { name: '名额与确认报名（按活动）' })).toBeVisible()
    await expect(page.getByRole('img', { name: '需求与名额（按活动）' })).toBeVisible()
    await expect(page.getByRole('img', { name: '每周确认报名' })).toBeVisible()
    await expect(page.getByRole('region', { name: '按活动', exact: true })).toContainText('育婴员职业技能培训班（上期，已结业）')
    await expect(page.getByRole('region', { name: '按基层工会 / 工作单位（户）' })).toContainText('盐城港务集团工会')
    const xlsx = await page.request.get(`/organiser/reports.xlsx?from=${from}&to=${month(now)}`)
    expect(xlsx.status()).toBe(200)
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml')
  })
}
