import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { PAGE_SIZE } from '~/models/programme/catalogue.server'
import { db, engine, statementsOutsideTransactions } from '~/utils/db.server'
import { DAY, testClock } from '../clock'
import { createDepartment } from '../factories'

// A city-wide catalogue: the page must cost the same few queries and stay small whether
// the federation has ten programmes or a thousand (with ten thousand sessions).

async function addProgrammes(departmentId: string, count: number, sessionsEach: number, now: Date, from = 0) {
  const programmes = Array.from({ length: count }, (_, i) => ({
    id: `cscale${String(from + i).padStart(19, '0')}`,
    slug: `scale-${from + i}`,
    departmentId,
    kind: (['camp', 'social', 'training', 'checkup'] as const)[(from + i) % 4],
    titleZh: `活动 ${from + i}`,
    titleEn: `Programme ${from + i}`,
    summaryZh: '市总工会为会员及子女举办的活动。',
    summaryEn: 'A federation programme for members and their children.',
    descriptionZh: '详细介绍',
    descriptionEn: 'Description',
    audience: 'self',
    bookingOpensAt: new Date(now.getTime() - DAY + i * 1000),
    bookingClosesAt: new Date(now.getTime() + 60 * DAY),
    status: 'published',
  }))
  await db.programme.createMany({ data: programmes })
  const sessions = programmes.flatMap((p, i) =>
    Array.from({ length: sessionsEach }, (_, n) => {
      const startsAt = new Date(now.getTime() + (10 + n + (i % 30)) * DAY)
      return {
        programmeId: p.id,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 2 * 3600_000),
        placeZh: '职工服务中心',
        placeEn: 'Service centre',
        capacity: 20,
      }
    }),
  )
  for (let i = 0; i < sessions.length; i += 2000) await db.session.createMany({ data: sessions.slice(i, i + 2000) })
}

describe.runIf(engine === 'sqlite')('a catalogue that grows', () => {
  test('the same number of queries for 10 or 1 000 programmes (10 000 sessions); pages of 12 with links that keep the filters', async () => {
    const { now } = testClock()
    const dept = await createDepartment(db)
    const { loader } = await import('~/routes/programmes._index')
    const load = async (search: string) => {
      const before = statementsOutsideTransactions.count
      const data = (await loader({ request: new Request(`http://localhost/programmes${search}`), params: {}, context: {} })) as {
        programmes: unknown[]
        paging: { total: number; page: number; pages: number }
      }
      return { data, statements: statementsOutsideTransactions.count - before }
    }

    await addProgrammes(dept.id, 10, 10, now)
    const small = await load('')
    expect(small.data.paging).toEqual({ total: 10, page: 1, pages: 1 })

    await addProgrammes(dept.id, 990, 10, now, 10)
    expect(await db.session.count()).toBe(10_000)
    const large = await load('')
    expect(large.data.programmes).toHaveLength(PAGE_SIZE)
    expect(large.data.paging).toEqual({ total: 1000, page: 1, pages: Math.ceil(1000 / PAGE_SIZE) })
    expect(large.statements).toBe(small.statements)
    const filtered = await load('?kind=camp&page=3')
    expect(filtered.data.paging).toEqual({ total: 250, page: 3, pages: Math.ceil(250 / PAGE_SIZE) })
    expect(filtered.statements).toBe(small.statements)
    // past the end: the last page, not an empty one; a malformed page number is a 400
    expect((await load('?page=999')).data.paging.page).toBe(Math.ceil(1000 / PAGE_SIZE))
    await expect(load('?page=abc')).rejects.toMatchObject({ status: 400 })

    // the page as a phone receives it: small, and "next" keeps the search and the kind
    const buildFile = path.resolve('build/index.js')
    expect(fs.existsSync(buildFile), 'run `npm run build` first (npm test does)').toBe(true)
    const { createRequestHandler } = await import('@remix-run/node')
    const handle = createRequestHandler(await import(buildFile), 'production')
    const page = await handle(
      new Request('http://localhost/programmes?kind=social&q=%E6%B4%BB%E5%8A%A8', { headers: { 'Accept-Language': 'zh-CN' } }),
    )
    const html = await page.text()
    expect(page.status).toBe(200)
    expect(Buffer.byteLength(html)).toBeLessThan(60_000)
    expect(html).toContain('第 1 / 21 页')
    expect(html).toMatch(
      /href="\/programmes\?kind=social&amp;q=%E6%B4%BB%E5%8A%A8&amp;page=2"[^>]*rel="next"|rel="next"[^>]*href="\/programmes\?kind=social&amp;q=%E6%B4%BB%E5%8A%A8&amp;page=2"/,
    )
  })
})
