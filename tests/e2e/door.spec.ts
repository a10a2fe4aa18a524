import fs from 'node:fs'
import path from 'node:path'
import { chromium, devices, type Browser, type Page } from '@playwright/test'
import QRCode from 'qrcode'
import { addPickupPerson } from '~/models/child/pickups.server'
import { shanghaiClock, shanghaiTime } from '~/utils/time'
import { testClock } from '../clock'
import { expect, factories, hydrated, test } from './fixtures'

const { createChild, createDepartment, createProgramme, createSession, createUser } = factories

// The door on an organiser's phone with the network cut (docs/decisions/0021-door-offline.md):
// two phones keep today's list, go offline, record (the same child on both), reload while
// offline, come back online; the server has every record once and the conflict on the roster.
// And the camera path: a real QR code, fed to Chromium as its camera, opens the booking.

const BASE = 'http://localhost:3210'
const phone = { ...devices['Pixel 5'], baseURL: BASE, locale: 'zh-CN' }

/** Two minutes either side of Shanghai midnight the "day" the doors record changes under the test: wait it out. */
async function awayFromMidnight() {
  const clock = shanghaiClock(new Date())
  if (clock >= '23:58') await new Promise((resolve) => setTimeout(resolve, (24 * 60 - minutes(clock) + 0.5) * 60_000))
}
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

async function campToday(db: Parameters<typeof createDepartment>[0], stamp: number) {
  const clock = testClock()
  const dept = await createDepartment(db, { nameZh: `门口部${stamp}`, nameEn: `Door ${stamp}` })
  const camp = await createProgramme(
    db,
    dept.id,
    { kind: 'camp', audience: 'child', titleZh: `门口托管班 ${stamp}`, titleEn: `Door camp ${stamp}` },
    clock.plus(-3 * 86_400_000),
  )
  // meets every day this week, all day (whatever the hour the suite runs at)
  const session = await createSession(
    db,
    camp.id,
    {
      startsAt: shanghaiTime(clock.day(-1), '00:00'),
      endsAt: shanghaiTime(clock.day(-1), '23:59'),
      repeatDays: 'MO,TU,WE,TH,FR,SA,SU',
      repeatUntil: shanghaiTime(clock.day(5), '23:59'),
      capacity: 5,
    },
    clock.now,
  )
  const parent = await createUser(db, { name: '周家长' })
  const kids = [
    await createChild(db, parent.id, { name: '周一一', notes: '对花生过敏' }),
    await createChild(db, parent.id, { name: '周二二' }),
  ]
  const bookings: string[] = []
  for (const kid of kids) {
    const booking = await db.booking.create({
      data: { sessionId: session.id, bookerId: parent.id, childId: kid.id, status: 'confirmed', activeKey: `c:${kid.id}` },
    })
    bookings.push(booking.id)
  }
  await db.session.update({ where: { id: session.id }, data: { seatsTaken: kids.length } })
  await addPickupPerson(parent.id, kids[1].id, { intent: 'add-pickup', name: '周强', relation: '父亲', phone: '13912340000' })
  return { dept, session, parent, kids, bookings }
}

async function keepTodaysList(page: Page, title: string) {
  await page.goto('/organiser/door')
  await hydrated(page)
  await page.getByRole('checkbox', { name: new RegExp(title) }).check()
  await page.getByRole('button', { name: '把今天的名单存到本机' }).click()
  await expect(page.getByRole('button', { name: /周一一/ })).toBeVisible()
  // the service worker has kept the page and its scripts for the next time there is no network
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready
    return Boolean(registration.active)
  })
  await expect
    .poll(() =>
      page.evaluate(async () => (await caches.keys()).length > 0 && (await (await caches.open('carnation-door-v1')).keys()).length > 3),
    )
    .toBe(true)
}

test('two phones at the door with the network cut: records survive a reload, sync once, the conflict waits on the roster', async ({
  browser,
  db,
  login,
}) => {
  test.setTimeout(240_000)
  await awayFromMidnight()
  const stamp = Date.now()
  const { dept, session, bookings } = await campToday(db, stamp)
  const doorA = await createUser(db, { role: 'organiser', departmentId: dept.id, name: '门口甲' })
  const doorB = await createUser(db, { role: 'organiser', departmentId: dept.id, name: '门口乙' })
  const contextA = await browser.newContext(phone)
  const contextB = await browser.newContext(phone)
  const a = await contextA.newPage()
  const b = await contextB.newPage()
  await login(a, doorA.id)
  await login(b, doorB.id)
  for (const page of [a, b]) await keepTodaysList(page, `门口托管班 ${stamp}`)
  // the flag, never the note
  await expect(a.getByRole('button', { name: /周一一/ })).toContainText('过敏/用药')
  await expect(a.getByText('对花生过敏')).toHaveCount(0)

  await contextA.setOffline(true)
  await contextB.setOffline(true)
  await expect(a.getByTestId('door-status')).toContainText('离线')

  // door A: both children arrive, the second is collected by the person on the list
  await a.getByRole('button', { name: /周一一/ }).click()
  await a.getByRole('button', { name: '为 周一一 签到' }).click()
  await expect(a.getByText('已记录 周一一 到达')).toBeVisible()
  await a.getByLabel('按姓名查找').fill('二二')
  await a.getByRole('button', { name: /周二二/ }).click()
  await a.getByRole('button', { name: '为 周二二 签到' }).click()
  await a.getByRole('button', { name: /周二二/ }).click()
  await a.getByLabel('接走的人').selectOption({ label: '周强 (父亲)' })
  await a.getByRole('button', { name: '周二二 被接走' }).click()
  await expect(a.getByTestId('door-status')).toContainText('待发送 3 条')
  // door B: the same first child, at the other door
  await b.getByRole('button', { name: /周一一/ }).click()
  await b.getByRole('button', { name: '为 周一一 签到' }).click()
  await expect(b.getByTestId('door-status')).toContainText('待发送 1 条')

  // still offline, door A's page is reloaded (a tab closed, a phone restarted): the service
  // worker serves the page, IndexedDB still has the records and the states they gave
  const reloaded = await a.reload()
  expect(reloaded?.fromServiceWorker()).toBe(true)
  await hydrated(a)
  await expect(a.getByTestId('door-status')).toContainText('待发送 3 条')
  await expect(a.getByRole('button', { name: /周二二/ })).toContainText('已接走')
  expect(await db.doorRecord.count({ where: { sessionId: session.id } })).toBe(0)

  // the network is back: each phone sends what it holds
  await contextA.setOffline(false)
  await expect(a.getByTestId('door-status')).toContainText('待发送 0 条', { timeout: 20_000 })
  await contextB.setOffline(false)
  await expect(b.getByTestId('door-status')).toContainText('待发送 0 条', { timeout: 20_000 })
  await expect(b.getByText(/周一一：另一个门口已先记录/)).toBeVisible()

  // the server: every record once, one arrival counted per child, the conflict kept
  expect(await db.doorRecord.count({ where: { sessionId: session.id } })).toBe(4)
  const days = await db.attendance.findMany({ where: { bookingId: { in: bookings } } })
  expect(days.map((d) => [d.bookingId, d.status, d.collectedByName]).sort()).toEqual(
    [
      [bookings[0], 'present', null],
      [bookings[1], 'left', '周强 (父亲)'],
    ].sort(),
  )
  // the roster: the counts right, the second door's record waiting to be settled
  await a.goto(`/organiser/sessions/${session.id}`)
  const settle = a.getByTestId('door-settle')
  await expect(settle).toContainText('门口待处理的记录 (1)')
  await expect(settle).toContainText('周一一')
  await settle.getByRole('button', { name: '已处理 · 周一一' }).click()
  await expect(a.getByTestId('door-settle')).toHaveCount(0)
  await contextA.close()
  await contextB.close()
})

/** A Y4M clip (what Chromium's fake camera plays) of a QR code on a white page. */
async function qrClip(text: string, file: string) {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const [width, height, cell] = [640, 480, 8]
  const size = qr.modules.size
  const left = Math.floor((width - size * cell) / 2)
  const top = Math.floor((height - size * cell) / 2)
  const luma = Buffer.alloc(width * height, 235)
  for (let y = 0; y < size * cell; y++)
    for (let x = 0; x < size * cell; x++)
      if (qr.modules.get(Math.floor(y / cell), Math.floor(x / cell))) luma[(top + y) * width + left + x] = 16
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128)
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma])
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), frame, frame]))
}

test("the camera: a booking's QR code held up to the phone opens that child at the door", async ({ db, login }) => {
  await awayFromMidnight()
  const stamp = Date.now()
  const { dept, bookings } = await campToday(db, stamp)
  const organiser = await createUser(db, { role: 'organiser', departmentId: dept.id })
  const clip = path.resolve(`tests/.tmp/door-qr-${stamp}.y4m`)
  // the code on the second child's booking, as the booking page and the invite carry it
  await qrClip(`${BASE}/organiser/check-in/${bookings[1]}`, clip)
  let camera: Browser | null = null
  try {
    camera = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        `--use-file-for-fake-video-capture=${clip}`,
      ],
    })
    const context = await camera.newContext({ ...phone, permissions: ['camera'] })
    const page = await context.newPage()
    await login(page, organiser.id)
    await keepTodaysList(page, `门口托管班 ${stamp}`)
    await page.getByRole('button', { name: '扫码' }).click()
    await expect(page.getByRole('heading', { name: '周二二' })).toBeVisible({ timeout: 15_000 })
    await expect(page.getByRole('button', { name: '为 周二二 签到' })).toBeVisible()
  } finally {
    await camera?.close()
    fs.rmSync(clip, { force: true })
  }
})
