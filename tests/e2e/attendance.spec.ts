import { testClock } from '../clock'
import { shanghaiTime } from '~/utils/time'
import { expect, factories, test } from './fixtures'

const { createChild, createDepartment, createProgramme, createSession, createUser } = factories

// Every meeting day on a 360 px phone with JavaScript off: a parent lists who may collect their
// child and reports an absence; an organiser records today's arrival and the pick-up.
test.use({ javaScriptEnabled: false, viewport: { width: 360, height: 800 } })

test('a parent lists a pick-up person and reports an absence; the organiser records arrival and pick-up', async ({
  browser,
  db,
  login,
}) => {
  const clock = testClock()
  const stamp = Date.now()
  const dept = await createDepartment(db, { nameZh: `考勤部${stamp}`, nameEn: `Register ${stamp}` })
  const camp = await createProgramme(
    db,
    dept.id,
    { kind: 'camp', audience: 'child', titleZh: `考勤托管班 ${stamp}`, titleEn: `Register camp ${stamp}` },
    clock.plus(-3 * 86_400_000),
  )
  // meets every day from today for a week, 00:05–23:55 (whatever the hour the suite runs at)
  const today = clock.day(0)
  const session = await createSession(
    db,
    camp.id,
    {
      startsAt: shanghaiTime(today, '00:05'),
      endsAt: shanghaiTime(today, '23:55'),
      repeatDays: 'MO,TU,WE,TH,FR,SA,SU',
      repeatUntil: shanghaiTime(clock.day(6), '23:55'),
      capacity: 5,
    },
    clock.now,
  )
  const parent = await createUser(db, { name: '周家长' })
  const child = await createChild(db, parent.id, { name: '周小宝' })
  const booking = await db.booking.create({
    data: { sessionId: session.id, bookerId: parent.id, childId: child.id, status: 'confirmed', activeKey: `c:${child.id}` },
  })
  await db.session.update({ where: { id: session.id }, data: { seatsTaken: 1 } })
  const organiser = await createUser(db, { role: 'organiser', departmentId: dept.id })

  // the parent, on their phone
  const parentTab = await (
    await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 800 }, baseURL: 'http://localhost:3210' })
  ).newPage()
  await login(parentTab, parent.id)
  await parentTab.goto(`/me/children/${child.id}`)
  await parentTab.getByLabel('姓名', { exact: true }).last().fill('周强')
  await parentTab.getByLabel('关系（如 父亲、外婆）').fill('父亲')
  await parentTab.getByLabel('手机号码').last().fill('13912340000')
  await parentTab.getByRole('button', { name: '添加' }).click()
  await expect(parentTab.getByText('已添加 周强。')).toBeVisible()
  await expect(parentTab.getByText('周强 (父亲) · 13912340000')).toBeVisible()

  await parentTab.goto('/me/bookings')
  await parentTab.getByRole('link', { name: '每天的情况、请假、接送人' }).first().click()
  await expect(parentTab.getByRole('heading', { name: /每天的情况/ })).toBeVisible()
  const tomorrow = parentTab.locator('fieldset label').first()
  await tomorrow.locator('input').check()
  await parentTab.getByLabel('原因（可选）').fill('看牙医')
  await parentTab.getByRole('button', { name: '提交请假' }).click()
  await expect(parentTab.getByText('已为 1 天请假。')).toBeVisible()
  await expect(parentTab.locator('[data-day-state="excused"]')).toContainText('看牙医')
  expect(await db.attendance.findFirst({ where: { bookingId: booking.id, day: clock.day(1) } })).toMatchObject({ status: 'excused' })

  // the organiser, at the door
  const door = await (
    await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 800 }, baseURL: 'http://localhost:3210' })
  ).newPage()
  await login(door, organiser.id)
  await door.goto(`/organiser/sessions/${session.id}`)
  await expect(door.getByText('待到 1 · 已到 0')).toBeVisible()
  await door.getByRole('button', { name: '签到 · 周小宝' }).click()
  await expect(door.getByText('周小宝 已签到。')).toBeVisible()
  await door.getByLabel('接走的人 · 周小宝').selectOption({ label: '周强 (父亲) 13912340000' })
  await door.getByRole('button', { name: '接走 · 周小宝' }).click()
  await expect(door.getByText('周小宝 已被接走，已通知监护人。')).toBeVisible()
  await expect(door.locator('[data-day-state="left"]')).toContainText('由 周强 (父亲) 接走')
  // no horizontal scrolling at 360 px
  expect(await door.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)

  // the parent sees the day
  await parentTab.goto(`/me/bookings/${booking.id}/days`)
  await expect(parentTab.locator('[data-day-state="left"]').first()).toContainText('周强 (父亲)')
})
