import AxeBuilder from '@axe-core/playwright'
import { devices, type Page } from '@playwright/test'
import { DEMO_ACCOUNTS, demoCampSlug, WINTER_CAMP_SLUG } from '../../prisma/seed'
import { shanghaiTime } from '~/utils/time'
import { testClock } from '../clock'
import { feedbackLink } from '~/models/reminders/feedback.server'
import { expect, factories, hydrated, test } from './fixtures'

// A parent's phone (Pixel 5, 393 px; the first screen is what shows without scrolling), and
// every page of the member, organiser and admin flows through axe-core in both languages.

const { createChild, createDepartment, createProgramme, createSession, createUser, createQuestion } = factories

// What can differ between the two languages of one page: names, labels, titles, the language
// itself. Layout, colour and structure do not change with the language, so the whole WCAG rule
// set runs once per page (in Chinese, the default) and these again in English — the walk's
// time on a two-core CI machine is mostly axe's colour-contrast pass.
const TEXT_RULES = [
  'area-alt',
  'aria-command-name',
  'aria-input-field-name',
  'aria-meter-name',
  'aria-progressbar-name',
  'aria-toggle-field-name',
  'aria-tooltip-name',
  'button-name',
  'document-title',
  'empty-heading',
  'html-has-lang',
  'html-lang-valid',
  'image-alt',
  'input-button-name',
  'input-image-alt',
  'label',
  'link-name',
  'select-name',
  'svg-img-alt',
  'valid-lang',
]

/** axe's serious and critical findings, duplicate ids, and controls without a name. */
async function audit(page: Page, rules: 'all' | 'text' = 'all') {
  const axe = new AxeBuilder({ page })
  const result = await (rules === 'all' ? axe.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']) : axe.withRules(TEXT_RULES)).analyze()
  const serious = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
    )
  const duplicates = await page.evaluate(() => {
    const seen = new Map<string, number>()
    for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1)
    return [...seen].filter(([, n]) => n > 1).map(([id]) => `duplicate id ${id}`)
  })
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button')]
      .filter((el) => {
        const e = el as HTMLInputElement
        const named =
          e.labels?.length ||
          e.getAttribute('aria-label') ||
          e.getAttribute('aria-labelledby') ||
          (el.tagName === 'BUTTON' && el.textContent?.trim())
        return !named
      })
      .map((el) => `unlabelled ${el.tagName.toLowerCase()} ${(el as HTMLInputElement).name ?? ''}`),
  )
  return [...serious, ...duplicates, ...unlabelled]
}

test('every page of the member, organiser and admin flows: no serious axe finding, no duplicate id, no unnamed control (zh-CN and en)', async ({
  db,
  login,
  browser,
}) => {
  // ~60 axe runs (30 pages × 2 languages) at a few seconds each, slower while the machine is busy
  test.setTimeout(420_000)
  const { now } = testClock()
  const dept = await createDepartment(db)
  const camp = await createProgramme(
    db,
    dept.id,
    { audience: 'child', kind: 'camp', minAge: 5, maxAge: 12, titleZh: `无障碍暑托班 ${Date.now()}` },
    now,
  )
  const campSession = await createSession(db, camp.id, { capacity: 10 }, now)
  // its booking form asks three questions (a conditional and a sensitive one among them)
  const medicine = await createQuestion(db, camp.id, { type: 'yesno', labelZh: '是否需要服药？', labelEn: 'Medicine?', required: true })
  await createQuestion(db, camp.id, {
    type: 'longtext',
    labelZh: '药品和时间',
    sensitive: true,
    conditionQuestionId: medicine.id,
    conditionValue: 'yes',
  })
  await createQuestion(db, camp.id, {
    type: 'choice',
    labelZh: 'T 恤尺码',
    scope: 'booking',
    options: [
      { id: 'o1', zh: '小', en: 'S' },
      { id: 'o2', zh: '大', en: 'L' },
    ],
  })
  const checkups = await createProgramme(db, dept.id, { kind: 'checkup', titleZh: `无障碍体检 ${Date.now()}` }, now)
  for (let day = 0; day < 3; day++) {
    for (let slot = 0; slot < 4; slot++) {
      const startsAt = new Date(now.getTime() + (20 + day) * 86_400_000 + slot * 1_800_000)
      await createSession(db, checkups.id, { startsAt, endsAt: new Date(startsAt.getTime() + 1_200_000), capacity: 2 }, now)
    }
  }
  const parent = await createUser(db, { name: '无障碍家长' })
  const child = await createChild(db, parent.id, { name: '无障碍小朋友', notes: '对花生过敏' })
  const booking = await db.booking.create({
    data: { sessionId: campSession.id, bookerId: parent.id, childId: child.id, status: 'confirmed', activeKey: `c:${child.id}` },
  })
  await db.session.update({ where: { id: campSession.id }, data: { seatsTaken: 1 } })
  const organiser = await createUser(db, { role: 'organiser', departmentId: dept.id })
  const admin = await createUser(db, { role: 'admin' })

  // the lottery pages: the drawn winter camp and summer term 2 open for applications (the seed)
  const winter = await db.programme.findUniqueOrThrow({ where: { slug: WINTER_CAMP_SLUG } })
  const winterCode = (await db.lotteryEntry.findFirstOrThrow({ where: { programmeId: winter.id } })).code
  // every meeting day (the seed): the camp running today and the finished course's certificate
  const demo = await db.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.member } })
  const running = await db.booking.findFirstOrThrow({
    where: { bookerId: demo.id, session: { programme: { slug: 'community-childcare-camp' } } },
  })
  const completed = await db.booking.findFirstOrThrow({
    where: { bookerId: demo.id, session: { programme: { slug: 'childcare-worker-training-spring' } } },
  })
  const certificate =
    (await db.certificate.findUnique({ where: { bookingId: completed.id } })) ??
    (await db.certificate.create({
      data: { bookingId: completed.id, code: `AXE${Date.now().toString(36).toUpperCase()}`.slice(0, 16), meetings: 5, attended: 4 },
    }))
  // the social on now (the seed): the demo young member's round, and its console
  const youth = await db.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.youth } })
  const social = await db.booking.findFirstOrThrow({
    where: { bookerId: youth.id, session: { programme: { slug: 'youth-social-tonight' } } },
  })
  // the word afterwards: the signed feedback page a mail links to (no login)
  await db.feedback.create({ data: { bookingId: booking.id, askedAt: now } })
  const feedbackUrl = new URL(feedbackLink(booking.id, 'zh-CN'))
  const pages = {
    anonymous: [
      `${feedbackUrl.pathname}?token=${feedbackUrl.searchParams.get('token')}`,
      '/',
      '/programmes',
      `/programmes/${camp.slug}`,
      '/login',
      '/signup',
      '/account/forgot',
      '/privacy',
      `/programmes/${WINTER_CAMP_SLUG}`,
      `/programmes/${WINTER_CAMP_SLUG}/results`,
      `/programmes/${WINTER_CAMP_SLUG}/results?code=${winterCode}`,
      '/certificates',
      `/certificates/${certificate.code}`,
    ],
    member: [
      `/programmes/${camp.slug}`,
      `/programmes/${demoCampSlug(new Date(), 2)}`,
      `/programmes/${checkups.slug}`,
      '/me/bookings',
      `/me/bookings/${booking.id}/cancel`,
      '/me/children',
      `/me/children/${child.id}`,
      `/me/bookings/${booking.id}/days`,
      '/me/profile',
    ],
    // the demo member: the running camp's days and the answers given at booking (the seed)
    demo: [
      `/me/bookings/${running.id}/days`,
      `/me/bookings/${completed.id}/certificate`,
      `/me/bookings/${running.id}/answers`,
      `/programmes/${demoCampSlug(new Date(), 1)}`,
    ],
    youth: ['/me/bookings', `/me/bookings/${social.id}/social`],
    organiser: [
      '/organiser',
      `/organiser/programmes/${camp.id}`,
      `/organiser/sessions/${campSession.id}`,
      '/organiser/programmes/new',
      '/organiser/members',
      `/organiser/check-in/${booking.id}`,
      // the registration questions of a programme, and the demo camp's roster with answers
      `/organiser/programmes/${camp.id}/questions`,
      // the door: its app (scripts on) and its name search
      '/organiser/door',
      '/organiser/door?q=%E5%B0%8F',
    ],
    admin: [
      '/admin/staff',
      '/admin/outbox',
      // the federation's numbers (an admin sees every department: the widest tables)
      '/organiser/reports',
      `/organiser/programmes/${winter.id}`,
      `/organiser/programmes/${winter.id}/lottery`,
      `/organiser/sessions/${social.sessionId}/social`,
    ],
  }
  const findings: string[] = []
  for (const [who, paths] of Object.entries(pages)) {
    const context = await browser.newContext({ ...devices['Pixel 5'], baseURL: 'http://localhost:3210', locale: 'zh-CN' })
    const tab = await context.newPage()
    // a script that throws (a route calling a server-only function at its top level, say) leaves
    // the page without its scripts: no finding of axe's, so it is looked for here
    let current = ''
    tab.on('pageerror', (error) => findings.push(`${who} ${current}: script error ${error.message}`))
    const userId =
      { member: parent.id, organiser: organiser.id, admin: admin.id, demo: demo.id, youth: youth.id, anonymous: null }[who] ?? null
    if (userId) await login(tab, userId)
    for (const lang of ['zh-CN', 'en'] as const) {
      for (const path of paths) {
        // the language by the address (the lng cookie is signed by the server)
        current = `${lang} ${path}`
        await tab.goto(`${path}${path.includes('?') ? '&' : '?'}lng=${lang}`)
        await expect(tab.locator('html')).toHaveAttribute('lang', lang)
        // every page says what it is to a search engine or a link preview (one description, not empty)
        await expect(tab.locator('meta[name="description"]')).toHaveCount(1)
        await expect(tab.locator('meta[name="description"]')).toHaveAttribute('content', /\S.{6,}\S/)
        for (const problem of await audit(tab, lang === 'zh-CN' ? 'all' : 'text')) findings.push(`${who} ${lang} ${path}: ${problem}`)
      }
    }
    await context.close()
  }
  expect(findings).toEqual([])
})

test('on a 360 × 800 phone: the first catalogue card and the camp’s book button are on the first screen', async ({ page, db, login }) => {
  await page.setViewportSize({ width: 360, height: 800 })
  await page.goto('/')
  const firstCard = page.locator('.cards .card').first()
  expect((await firstCard.boundingBox())!.y).toBeLessThan(800)
  await page.goto('/programmes')
  expect((await page.locator('.cards .card').first().boundingBox())!.y).toBeLessThan(800)

  const { now } = testClock()
  const dept = await createDepartment(db)
  const camp = await createProgramme(db, dept.id, { audience: 'child', kind: 'camp', titleZh: `首屏暑托班 ${Date.now()}` }, now)
  await createSession(db, camp.id, {}, now)
  const parent = await createUser(db)
  await createChild(db, parent.id, { name: '首屏小朋友' })
  // a test camp, and the demo's summer camp with its long description, two children to tick
  const demoParent = await createUser(db)
  await createChild(db, demoParent.id, { name: '王小明', birthDate: new Date(now.getTime() - 9 * 365 * 86_400_000) })
  await createChild(db, demoParent.id, { name: '王小雨', birthDate: new Date(now.getTime() - 7 * 365 * 86_400_000) })
  const pages = [
    { path: `/programmes/${camp.slug}`, userId: parent.id },
    { path: `/programmes/${demoCampSlug(new Date(), 1)}`, userId: demoParent.id },
  ]
  for (const { path, userId } of pages)
    for (const lang of ['zh-CN', 'en']) {
      await login(page, userId)
      await page.goto(`${path}?lng=${lang}`)
      // the booking starts on the first screen: the book button, or — where the form asks
      // questions (the demo camp) — its first child to tick, the questions and button below it
      const asks = (await page.locator('form.book-children fieldset.questions').count()) > 0
      const start = asks
        ? page.locator('form.book-children input[name="childId"]').first()
        : page.getByRole('button', { name: lang === 'en' ? 'Book' : '报名', exact: true })
      const box = (await start.boundingBox())!
      expect(box.y + box.height, `${path} ${lang}: the booking starts at ${box.y + box.height}px`).toBeLessThanOrEqual(800)
    }
})

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled })

    test('cancelling asks once, names the child and the session, says where the place goes; "keep" keeps it', async ({
      page,
      db,
      login,
    }) => {
      const { now } = testClock()
      const dept = await createDepartment(db)
      const title = `取消确认测试 ${Date.now()}`
      const camp = await createProgramme(db, dept.id, { audience: 'child', titleZh: title, waitlistMode: 'auto' }, now)
      const session = await createSession(db, camp.id, { capacity: 1 }, now)
      const parent = await createUser(db)
      const child = await createChild(db, parent.id, { name: '确认小朋友' })
      const other = await createUser(db)
      const otherChild = await createChild(db, other.id)
      const mine = await db.booking.create({
        data: { sessionId: session.id, bookerId: parent.id, childId: child.id, status: 'confirmed', activeKey: `c:${child.id}` },
      })
      await db.session.update({ where: { id: session.id }, data: { seatsTaken: 1, waitlistSeq: 1 } })
      await db.booking.create({
        data: {
          sessionId: session.id,
          bookerId: other.id,
          childId: otherChild.id,
          status: 'waitlisted',
          waitlistSeq: 1,
          activeKey: `c:${otherChild.id}`,
        },
      })
      await login(page, parent.id)
      await page.goto('/me/bookings')
      if (javaScriptEnabled) await hydrated(page)

      await page.getByRole('link', { name: '取消报名 · 确认小朋友' }).click()
      const question = javaScriptEnabled ? page.getByRole('dialog') : page.locator('main')
      await expect(question.getByRole('heading', { name: '取消 确认小朋友 的报名？' })).toBeVisible()
      await expect(question.getByText(title)).toBeVisible()
      await expect(question.getByText('名额会立即转给候补第一位')).toBeVisible()
      // a slip: keep it
      if (javaScriptEnabled) await question.getByRole('button', { name: '不取消，返回' }).click()
      else await question.getByRole('link', { name: '不取消，返回' }).click()
      await expect(page).toHaveURL(/\/me\/bookings$/)
      expect((await db.booking.findUniqueOrThrow({ where: { id: mine.id } })).status).toBe('confirmed')

      await page.getByRole('link', { name: '取消报名 · 确认小朋友' }).click()
      await question.getByRole('button', { name: '确认取消报名' }).click()
      await expect(page.getByText('已取消 确认小朋友 的报名。')).toBeVisible()
      await expect(page).toHaveURL(/\/me\/bookings$/)
      expect((await db.booking.findUniqueOrThrow({ where: { id: mine.id } })).status).toBe('cancelled')
      expect(await db.booking.count({ where: { sessionId: session.id, status: 'confirmed' } })).toBe(1) // the waiting child moved up
    })
  })
}

test('a check-up with many slots: one day at a time, the free ones first, another day a tap away (no JavaScript needed)', async ({
  page,
  db,
}) => {
  const { now, day } = testClock()
  const dept = await createDepartment(db)
  const checkups = await createProgramme(db, dept.id, { kind: 'checkup', titleZh: `分日体检 ${Date.now()}` }, now)
  // 09:00 Shanghai in 20 days: four half-hourly slots stay on one day whatever the time the suite runs
  const base = shanghaiTime(day(20), '09:00')
  for (let day = 0; day < 3; day++) {
    for (let slot = 0; slot < 4; slot++) {
      const startsAt = new Date(base.getTime() + day * 86_400_000 + slot * 1_800_000)
      // the first slot of each day is full
      await createSession(db, checkups.id, { startsAt, endsAt: new Date(startsAt.getTime() + 1_200_000), capacity: 2 }, now)
    }
  }
  const first = await db.session.findFirstOrThrow({ where: { programmeId: checkups.id }, orderBy: { startsAt: 'asc' } })
  await db.session.update({ where: { id: first.id }, data: { seatsTaken: 2 } })
  await page.goto(`/programmes/${checkups.slug}`)
  const days = page.getByRole('navigation', { name: '选择日期' }).getByRole('link')
  await expect(days).toHaveCount(3)
  await expect(page.locator('.cards .session')).toHaveCount(4)
  // free first: the full 1st slot comes last
  await expect(page.locator('.cards .session').last()).toContainText('已满')
  await days.nth(1).click()
  await expect(days.nth(1)).toHaveAttribute('aria-current', 'true')
  await expect(page.locator('.cards .session')).toHaveCount(4)
  await expect(page.locator('.cards .session').last()).not.toContainText('已满')
})
