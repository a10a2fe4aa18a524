// npm run bench:pages — what a phone receives: the catalogue with 1 005 programmes and
// 6 231 sessions in the database, over real HTTP against the production server. Prints, per
// page, the HTML and JavaScript bytes (raw and as sent, compressed) and, for the catalogue,
// p50/p95 of 200 requests from one user. The last line is machine-readable.
// Goals (issue "the opening minute"): HTML < 60 KB, JS on the wire ≤ 150 KB, p95 < 100 ms.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { waitForHealth } from './wait-for-health'

const PORT = Number(process.env.BENCH_PORT ?? 3295)
const file = path.resolve('tests/.tmp/bench-pages.db')
const DAY = 24 * 3600_000

/** GET with the phone's Accept-Encoding; the body's size as sent and its text. */
function get(url: string) {
  return new Promise<{ status: number; sent: number; encoding: string; body: Buffer }>((resolve, reject) => {
    http
      .get(url, { headers: { 'Accept-Encoding': 'br, gzip', 'Accept-Language': 'zh-CN' } }, async (res) => {
        const chunks: Buffer[] = []
        for await (const chunk of res) chunks.push(chunk as Buffer)
        const raw = Buffer.concat(chunks)
        const encoding = String(res.headers['content-encoding'] ?? 'identity')
        const zlib = await import('node:zlib')
        const body = encoding === 'br' ? zlib.brotliDecompressSync(raw) : encoding === 'gzip' ? zlib.gunzipSync(raw) : raw
        resolve({ status: res.statusCode ?? 0, sent: raw.length, encoding, body })
      })
      .on('error', reject)
  })
}

async function seed(now: Date) {
  process.env.DATABASE_URL = `file:${file}`
  const { db } = await import('~/utils/db.server')
  const { createDepartment } = await import('../prisma/factories')
  const dept = await createDepartment(db)
  const kinds = ['camp', 'social', 'training', 'checkup'] as const
  const programmes = Array.from({ length: 1005 }, (_, i) => ({
    id: `cbench${String(i).padStart(19, '0')}`,
    slug: `bench-${i}`,
    departmentId: dept.id,
    kind: kinds[i % 4],
    titleZh: `职工活动第 ${i} 期`,
    titleEn: `Programme no. ${i}`,
    summaryZh: '市总工会女职工部为会员及其子女举办的活动，名额有限，先到先得。',
    summaryEn: 'A federation programme for members and their children; places are limited.',
    descriptionZh: '详细介绍',
    descriptionEn: 'Description',
    audience: i % 3 ? 'self' : 'child',
    bookingOpensAt: new Date(now.getTime() - DAY + i * 60_000),
    bookingClosesAt: new Date(now.getTime() + 90 * DAY),
    status: 'published',
  }))
  await db.programme.createMany({ data: programmes })
  const sessions = []
  for (let i = 0; sessions.length < 6231; i++) {
    const p = programmes[i % programmes.length]
    const startsAt = new Date(now.getTime() + (5 + (i % 80)) * DAY)
    sessions.push({
      programmeId: p.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * 3600_000),
      placeZh: '职工服务中心',
      placeEn: 'Service centre',
      capacity: 30,
    })
  }
  for (let i = 0; i < sessions.length; i += 2000) await db.session.createMany({ data: sessions.slice(i, i + 2000) })
  await db.$disconnect()
}

async function main() {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true })
  const server = spawn('node', ['scripts/start.js'], {
    env: { ...process.env, PORT: String(PORT), DATABASE_URL: `file:${file}`, SEED: 'false', NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  try {
    await waitForHealth(PORT)
    await seed(new Date())
    const base = `http://127.0.0.1:${PORT}`
    const figures: Record<string, string | number> = {}
    for (const [name, url] of [
      ['catalogue', '/programmes'],
      ['home', '/'],
      ['programme', '/programmes/bench-3'],
    ] as const) {
      const page = await get(base + url)
      if (page.status !== 200) throw new Error(`${url}: ${page.status}`)
      const html = page.body.toString('utf8')
      const scripts = new Set([...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="(\/build\/[^"]+\.js)"/g)].map((m) => m[1]))
      let jsRaw = 0
      let jsSent = 0
      for (const src of scripts) {
        const js = await get(base + src)
        jsRaw += js.body.length
        jsSent += js.sent
      }
      console.log(
        `${name.padEnd(10)} html ${(page.body.length / 1024).toFixed(1)} KB (sent ${(page.sent / 1024).toFixed(1)} KB, ${page.encoding}) · js ${scripts.size} files ${(jsRaw / 1024).toFixed(0)} KB (sent ${(jsSent / 1024).toFixed(0)} KB)`,
      )
      figures[`${name}_html_kb`] = (page.body.length / 1024).toFixed(1)
      figures[`${name}_js_sent_kb`] = (jsSent / 1024).toFixed(0)
    }
    for (let i = 0; i < 20; i++) await get(`${base}/programmes`) // warm
    const times: number[] = []
    for (let i = 0; i < 200; i++) {
      const t = performance.now()
      await get(`${base}/programmes${i % 4 ? '' : `?page=${1 + (i % 50)}`}`)
      times.push(performance.now() - t)
    }
    times.sort((a, b) => a - b)
    figures.catalogue_p50_ms = times[100].toFixed(1)
    figures.catalogue_p95_ms = times[190].toFixed(1)
    console.log(
      `pages: ${Object.entries(figures)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
    )
  } finally {
    server.kill()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
