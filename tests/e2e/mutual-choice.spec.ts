import { recordArrival } from '~/models/attendance/register.server'
import { bookSession } from '~/models/booking/book-session.server'
import { assignBadges } from '~/models/matching/round.server'
import { DAY, HOUR, testClock } from '../clock'
import { expect, factories, test } from './fixtures'

const { createDepartment, createProgramme, createSession, createUser } = factories

// The youth social's mutual choice on participants' phones, without JavaScript: three check in
// and choose, the organiser closes the round; the two who chose each other see each other,
// the third sees that there was no mutual choice — and nobody sees who chose them alone.
test.describe('mutual choice at a social, without JavaScript', () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 360, height: 800 } })

  test('three participants choose; two mutual see each other, the third sees no match', async ({ page, db, login }) => {
    const { now, plus } = testClock()
    const dept = await createDepartment(db)
    const organiser = await createUser(db, { role: 'organiser', departmentId: dept.id })
    const programme = await createProgramme(
      db,
      dept.id,
      { kind: 'social', titleZh: '互选测试联谊会', mutualChoice: true, mutualChoiceMax: 2 },
      plus(-10 * DAY),
    )
    const session = await createSession(
      db,
      programme.id,
      { startsAt: plus(-60_000), endsAt: plus(3 * HOUR), capacity: 10 },
      plus(-10 * DAY),
    )
    const people: { user: { id: string }; bookingId: string }[] = []
    for (const name of ['冯晓雨', '褚浩然', '卫思琪']) {
      const user = await createUser(db, { name })
      const [booked] = await bookSession({
        userId: user.id,
        sessionId: session.id,
        attendees: [{ kind: 'self', userId: user.id }],
        now: plus(-DAY),
      })
      if (booked.result !== 'confirmed') throw new Error('not booked')
      people.push({ user, bookingId: booked.bookingId })
    }
    await assignBadges(session.id)
    for (const p of people) await recordArrival({ sessionId: session.id, bookingId: p.bookingId, actorId: organiser.id, now })
    const badge = async (i: number) => (await db.booking.findUniqueOrThrow({ where: { id: people[i].bookingId } })).badgeNo!

    await login(page, organiser.id)
    await page.goto(`/organiser/sessions/${session.id}/social`)
    await expect(page.getByText('到场参加 3 人')).toBeVisible()
    await page.getByRole('button', { name: '开始互选' }).click()
    await expect(page.getByText('互选已开始。')).toBeVisible()

    // each participant on their phone: what a match may see, then the choice
    const choices = [[await badge(1)], [await badge(0)], [await badge(0)]] // 0 ↔ 1 mutual; 2 → 0 one-sided
    const shown = ['雨雨', '浩浩', '琪琪'] // display names, not part of anyone's full name
    for (const [i, p] of people.entries()) {
      await login(page, p.user.id)
      await page.goto('/me/bookings')
      await page.getByRole('link', { name: /^互选 · 胸牌/ }).click()
      await expect(page.getByText(`胸牌 ${await badge(i)} 号`)).toBeVisible()
      await page.getByLabel('显示名（例如名字，不必写姓）').fill(shown[i])
      if (i === 0) {
        await page.getByLabel('为此填写的微信号').check()
        await page.getByLabel('微信号', { exact: true }).fill('xiaoyu_2027')
      }
      await page.getByRole('button', { name: '保存' }).click()
      await expect(page.getByText('已保存。')).toBeVisible()
      await page.getByLabel('第 1 位（胸牌号码）').fill(String(choices[i][0]))
      await page.getByRole('button', { name: '提交选择' }).click()
      await expect(page.getByText('选择已保存。')).toBeVisible()
    }
    // choosing oneself is refused, in words
    await page.getByLabel('第 1 位（胸牌号码）').fill(String(await badge(2)))
    await page.getByRole('button', { name: '提交选择' }).click()
    await expect(page.getByText('不能选择自己。')).toBeVisible()

    await login(page, organiser.id)
    await page.goto(`/organiser/sessions/${session.id}/social`)
    await page.getByRole('button', { name: '结束互选并通知结果' }).click()
    await expect(page.getByText('互选成功 1 对')).toBeVisible()
    await expect(page.getByText('琪琪')).toHaveCount(0)

    const resultOf = async (i: number) => {
      await login(page, people[i].user.id)
      await page.goto(`/me/bookings/${people[i].bookingId}/social`)
      await expect(page.getByRole('heading', { name: '互选结果' })).toBeVisible()
    }
    await resultOf(0)
    await expect(page.getByText(`${await badge(1)} 号 · 浩浩`)).toBeVisible()
    await expect(page.getByText('琪琪')).toHaveCount(0) // chose her alone: never shown
    await resultOf(1)
    await expect(page.getByText(`${await badge(0)} 号 · 雨雨`)).toBeVisible()
    await expect(page.getByText('微信 xiaoyu_2027')).toBeVisible()
    await resultOf(2)
    await expect(page.getByText('这次互选没有双向的选择。谢谢您的参与！')).toBeVisible()
  })
})
