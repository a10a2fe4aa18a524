import fs from 'node:fs'
import { testClock } from '../clock'
import { expect, factories, test } from './fixtures'

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('a parent downloads their data, then deletes the account: the camp place goes, the login no longer works', async ({
    page,
    db,
    login,
  }) => {
    const { now } = testClock()
    const dept = await factories.createDepartment(db)
    const programme = await factories.createProgramme(db, dept.id, { audience: 'child' }, now)
    const session = await factories.createSession(db, programme.id, { capacity: 3 }, now)
    const parent = await factories.createUser(db, { name: '东方晓', email: `leaving-${Date.now()}@example.cn` })
    const child = await factories.createChild(db, parent.id, { name: '东方小月', notes: '对花生过敏' })
    await login(page, parent.id)
    await page.goto(`/programmes/${programme.slug}`)
    await page.getByLabel('东方小月').check()
    await page.getByRole('button', { name: '报名' }).click()
    await expect(page.getByText('报名成功')).toBeVisible()

    await page.goto('/me/profile')
    const download = page.waitForEvent('download')
    await page.getByRole('link', { name: '下载 JSON' }).click()
    const copy = JSON.parse(fs.readFileSync(await (await download).path(), 'utf8'))
    expect(copy.account.name).toBe('东方晓')
    expect(copy.children[0]).toMatchObject({ name: '东方小月', notes: '对花生过敏' })
    expect(copy.bookings).toHaveLength(1)

    await page.getByLabel('当前密码').last().fill(factories.DEMO_PASSWORD)
    await page.getByLabel('我明白注销无法撤销，未开始的报名将被取消').check()
    await page.getByRole('button', { name: '注销我的账号' }).click()
    await expect(page.getByText('账号已注销，您和孩子的个人信息已删除。')).toBeVisible()
    await expect(page.getByRole('link', { name: '登录' })).toBeVisible()
    expect(await db.booking.findFirstOrThrow({ where: { childId: child.id } })).toMatchObject({ status: 'cancelled' })
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).seatsTaken).toBe(0)

    await page.goto('/login')
    await page.getByLabel('电子邮箱').fill(parent.email)
    await page.getByLabel('密码').fill(factories.DEMO_PASSWORD)
    await page.getByRole('button', { name: '登录' }).click()
    await expect(page.getByText('邮箱或密码不正确。')).toBeVisible()
  })
})
