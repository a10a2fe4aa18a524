import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, test } from 'vitest'
import { loadShedding, requestsWaiting } from '~/utils/load-shedding.server'

// More load than a process can serve: a bounded line, then a fast, honest "busy" page in the
// member's language (503 + Retry-After, no script needed) — the request never reaches the app.

async function serve(options: { concurrency: number; maxQueue: number; maxWaitMs: number }) {
  const shedder = loadShedding(options)
  const release: (() => void)[] = []
  let reachedApp = 0
  const server = http.createServer((req, res) =>
    shedder.middleware(req, res, () => {
      reachedApp++
      // the "app": holds each request until the test lets it go
      release.push(() => res.end('served'))
    }),
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { shedder, release, base, reached: () => reachedApp, close: () => new Promise((r) => server.close(r)) }
}

const get = (url: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; body: string; retryAfter?: string; at: number }>((resolve, reject) => {
    const started = performance.now()
    http
      .get(url, { headers, agent: false }, async (res) => {
        let body = ''
        for await (const chunk of res) body += chunk
        resolve({
          status: res.statusCode ?? 0,
          body,
          retryAfter: res.headers['retry-after'] as string | undefined,
          at: performance.now() - started,
        })
      })
      .on('error', reject)
  })

test('two run, two wait in line, the fifth is told at once it is busy — in Chinese or English', async () => {
  const s = await serve({ concurrency: 2, maxQueue: 2, maxWaitMs: 10_000 })
  try {
    const running = [get(`${s.base}/a`), get(`${s.base}/b`)]
    await expect.poll(() => s.shedder.running).toBe(2)
    const waiting = [get(`${s.base}/c`), get(`${s.base}/d`)]
    await expect.poll(() => s.shedder.waiting).toBe(2)
    // what background work asks before it takes more of the process (the mail after a rush)
    expect(requestsWaiting()).toBe(2)

    const zh = await get(`${s.base}/programmes/camp`, { 'Accept-Language': 'zh-CN,zh;q=0.9' })
    expect(zh.status).toBe(503)
    expect(zh.retryAfter).toBe('5')
    expect(zh.body).toContain('<html lang="zh-CN"')
    expect(zh.body).toContain('现在报名的人很多')
    expect(zh.body).not.toContain('<script')
    expect(zh.at).toBeLessThan(1000)
    // an English member's cookie wins over a Chinese browser
    const cookie = `lng=${encodeURIComponent(Buffer.from(JSON.stringify('en')).toString('base64'))}`
    const en = await get(`${s.base}/x`, { 'Accept-Language': 'zh-CN', Cookie: cookie })
    expect(en.status).toBe(503)
    expect(en.body).toContain('Many people are booking at this moment')
    // the health check skips the line
    const health = get(`${s.base}/healthz`)
    await expect.poll(() => s.reached()).toBe(3)

    expect(s.reached()).toBe(3) // a, b and /healthz; the refused ones never reached the app
    while (s.release.length || s.shedder.waiting) {
      s.release.shift()?.()
      await new Promise((r) => setTimeout(r, 10))
    }
    const all = await Promise.all([...running, ...waiting, health])
    expect(all.map((r) => r.status)).toEqual([200, 200, 200, 200, 200])
    expect(requestsWaiting()).toBe(0)
    expect(s.shedder.stats).toEqual({ served: 4, shed: 2 }) // /healthz is not counted
  } finally {
    while (s.release.length) s.release.shift()!()
    await s.close()
  }
})

test('a request that waited too long is answered busy instead of waiting on', async () => {
  const s = await serve({ concurrency: 1, maxQueue: 10, maxWaitMs: 200 })
  try {
    const first = get(`${s.base}/a`)
    await expect.poll(() => s.shedder.running).toBe(1)
    const second = await get(`${s.base}/b`)
    expect(second.status).toBe(503)
    expect(second.at).toBeGreaterThanOrEqual(150)
    expect(second.at).toBeLessThan(2000)
    expect(s.shedder.waiting).toBe(0)
    expect(requestsWaiting()).toBe(0) // the one shed by its wait left the line's count too
    s.release.shift()!()
    expect((await first).status).toBe(200)
    // the line is free again: the next request is served
    const third = get(`${s.base}/c`)
    await expect.poll(() => s.release.length).toBe(1)
    s.release.shift()!()
    expect((await third).status).toBe(200)
  } finally {
    while (s.release.length) s.release.shift()!()
    await s.close()
  }
})
