import { applyToLottery } from '~/models/lottery/entries.server'
import { freezeLottery } from '~/models/lottery/freeze.server'
import { shanghaiTime } from '~/utils/time'
import { demoCampSlug, WINTER_CAMP_SLUG } from '../../prisma/seed'
import { HOUR, testClock } from '../clock'
import { expect, factories, test } from './fixtures'

const { createChild, createDepartment, createProgramme, createSession, createUser } = factories

test.describe('a lottery, without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('a parent applies for two children with ranked choices, changes the application, withdraws it', async ({ page, db, login }) => {
    const parent = await createUser(db, { name: '钱红' })
    const year = Number(testClock().day(0).slice(0, 4))
    await createChild(db, parent.id, { name: '钱一一', birthDate: shanghaiTime(`${year - 9}-03-01`) })
    await createChild(db, parent.id, { name: '钱二二', birthDate: shanghaiTime(`${year - 7}-03-01`), gender: 'female' })
    await login(page, parent.id)

    // summer camp term 2 is allocated by lottery, its window open (the seed)
    await page.goto(`/programmes/${demoCampSlug(new Date(), 2)}`)
    await expect(page.getByRole('heading', { name: '摇号申请' })).toBeVisible()
    await expect(page.getByText('过去 12 个月未参加过同类活动的家庭优先抽取')).toBeVisible()
    // no first-come booking button on a lottery programme before the draw
    await expect(page.getByRole('button', { name: /^报名/ })).toHaveCount(0)
    await expect(page.getByRole('checkbox', { name: '钱一一' })).toBeChecked()
    await expect(page.getByRole('checkbox', { name: /兄弟姐妹一起抽/ })).toBeChecked()
    await page.getByRole('button', { name: '提交申请' }).click()
    await expect(page.getByText(/申请已提交。您的编号是 \d{4}/)).toBeVisible()
    await expect(page.getByText(/您已提交申请，编号 \d{4}/)).toBeVisible()
    await expect(page.getByText('申请对象：钱一一、钱二二')).toBeVisible()

    // the application is on "my bookings" too, with its code
    const code = (await page.getByText(/您已提交申请，编号 \d{4}/).textContent())!.match(/\d{4}/)![0]
    await page.goto('/me/bookings')
    await expect(page.getByRole('heading', { name: '摇号申请' })).toBeVisible()
    await expect(page.getByText(`您已提交申请，编号 ${code}`, { exact: false })).toBeVisible()
    await page.goto(`/programmes/${demoCampSlug(new Date(), 2)}`)

    await page.getByRole('checkbox', { name: '钱二二' }).uncheck()
    await page.getByRole('button', { name: '保存修改' }).click()
    await expect(page.getByText(/申请已更新，编号仍是 \d{4}/)).toBeVisible()
    await expect(page.getByText('申请对象：钱一一')).toBeVisible()

    await page.getByRole('button', { name: '撤回申请' }).click()
    await expect(page.getByText('申请已撤回。')).toBeVisible()
    await expect(page.getByRole('button', { name: '提交申请' })).toBeVisible()
  })

  test('anyone reads the drawn winter camp: revealed seed, masked names and codes, in English too', async ({ page }) => {
    await page.goto(`/programmes/${WINTER_CAMP_SLUG}/results?lng=en`)
    await expect(page.getByRole('heading', { name: 'Lottery results' })).toBeVisible()
    await expect(page.getByText(/^[0-9a-f]{64}$/).first()).toBeVisible()
    const rows = page.locator('ol.results li')
    await expect(rows).toHaveCount(14)
    await expect(rows.first()).toContainText(/\d{4}/)
    // 张丽华 is one of the seeded families: masked (张*华), never in full
    await expect(page.getByText('张*', { exact: false }).first()).toBeVisible()
    await expect(page.getByText('张丽华')).toHaveCount(0)
    await expect(page.getByText('张*华').first()).toBeVisible()
    await expect(page.getByText(/Place · /).first()).toBeVisible()
    await expect(page.getByText(/Waitlist no\. 1 · /).first()).toBeVisible()
  })

  test('an organiser enters the public value once it is known; the draw runs; a parent finds the line by code', async ({
    page,
    db,
    login,
  }) => {
    const { now, plus } = testClock()
    const year = Number(testClock().day(0).slice(0, 4))
    const dept = await createDepartment(db)
    const organiser = await createUser(db, { role: 'organiser', departmentId: dept.id })
    const programme = await createProgramme(
      db,
      dept.id,
      {
        kind: 'camp',
        audience: 'child',
        minAge: 6,
        maxAge: 12,
        allocation: 'lottery',
        titleZh: '摇号测试营',
        bookingOpensAt: plus(-5 * HOUR),
        bookingClosesAt: plus(-3 * HOUR),
        drawAt: plus(-HOUR),
      },
      plus(-6 * HOUR),
    )
    const session = await createSession(db, programme.id, { startsAt: plus(30 * 24 * HOUR), capacity: 1 }, now)
    const codes = []
    for (const name of ['冯一', '陈二']) {
      const parent = await createUser(db, { name })
      const child = await createChild(db, parent.id, { name: `${name}孩`, birthDate: shanghaiTime(`${year - 8}-03-01`) })
      const entry = await applyToLottery({
        userId: parent.id,
        programmeId: programme.id,
        childIds: [child.id],
        choices: [session.id],
        together: true,
        now: plus(-4 * HOUR),
      })
      if (entry.ok) codes.push(entry.code)
    }
    expect(codes).toHaveLength(2)
    expect(await freezeLottery(programme.id, plus(-2 * HOUR))).toBe(true)

    await login(page, organiser.id)
    await page.goto(`/organiser/programmes/${programme.id}/lottery`)
    await expect(page.getByRole('heading', { name: '录入公开随机数并摇号' })).toBeVisible()
    await page.getByLabel('公开随机数', { exact: true }).fill('０３，07 12 19 25 31 09')
    await page.getByRole('button', { name: '录入并摇号' }).click()
    await expect(page.getByText('摇号完成：中签 1，候补 1。')).toBeVisible()
    await expect(page.getByText('03 07 12 19 25 31 09').first()).toBeVisible()

    // the public page: how it works, the moments, the record to download, and one's own line
    await page.goto(`/programmes/${programme.slug}/results`)
    await expect(page.getByRole('heading', { name: '摇号是怎样进行的' })).toBeVisible()
    await expect(page.locator('dd', { hasText: '03 07 12 19 25 31 09' })).toBeVisible()
    const record = await page.request.get(`/programmes/${programme.slug}/results.json`)
    expect(record.status()).toBe(200)
    expect((await record.json()).draw.publicValue).toBe('03 07 12 19 25 31 09')
    expect((await page.request.get('/verify-lottery.mjs')).status()).toBe(200)
    await page.getByLabel('4 位编号').fill(codes[1])
    await page.getByRole('button', { name: '查看', exact: true }).click()
    await expect(page.getByText(new RegExp(`^${codes[1]}：第 \\d 位抽取`))).toBeVisible()
    await expect(page.getByText(/第 1 志愿 .*：(轮到时有名额，中签|轮到时已满)/)).toBeVisible()
  })
})
