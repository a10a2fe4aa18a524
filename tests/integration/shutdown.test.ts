import { spawn } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import path from 'node:path'
import { expect, test } from 'vitest'

// The real server (scripts/start.js) stopped the way a deploy stops it: SIGTERM while a
// request is being answered. The request completes, new connections are refused, the process
// exits 0 — and every answer carries a request id that its log line also names.

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })

test('SIGTERM with a request in flight: it completes, nothing new is taken, exit 0; answers and log lines carry a request id', async () => {
  expect(fs.existsSync(path.resolve('build/index.js')), 'run `npm run build` first (npm test does)').toBe(true)
  const port = await freePort()
  const server = spawn(process.execPath, ['scripts/start.js'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      INSECURE_COOKIES: 'true',
      SESSION_SECRET: 'shutdown-test-secret-value',
      DATA_KEY: Buffer.alloc(32, 7).toString('base64'),
      SEED: 'false',
      RUN_JOBS: 'true',
      JOB_INTERVAL_MS: '100',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  server.stdout!.on('data', (c) => (out += c))
  server.stderr!.on('data', (c) => (out += c))
  const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)))
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break
    } catch {
      // not up yet
    }
    if (i > 100) throw new Error(`server did not start: ${out}`)
    await new Promise((r) => setTimeout(r, 100))
  }

  const health = await fetch(`http://127.0.0.1:${port}/healthz`, { headers: { 'X-Request-Id': 'from-the-proxy-123' } })
  expect(health.headers.get('x-request-id')).toBe('from-the-proxy-123')
  await health.text()
  const own = await fetch(`http://127.0.0.1:${port}/programmes`)
  expect(own.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  await own.text()

  // a login that checks a password (bcrypt: tens of milliseconds) is in flight when SIGTERM comes
  const inFlight = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const body = new URLSearchParams({ email: 'nobody@example.cn', password: 'wrong-password-1' }).toString()
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/login',
        method: 'POST',
        agent: false,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = ''
        res.on('data', (c) => (text += c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
      },
    )
    req.on('error', reject)
    req.end(body, () => setTimeout(() => server.kill('SIGTERM'), 5))
  })
  const answer = await inFlight
  expect(answer.status).toBe(400)
  expect(answer.body).toContain('</html>')
  // a new connection (fetch would reuse its pooled keep-alive one) is refused
  await expect(
    new Promise((resolve, reject) => http.get({ host: '127.0.0.1', port, path: '/healthz', agent: false }, resolve).on('error', reject)),
  ).rejects.toThrow()
  expect(await exited).toBe(0)
  expect(out).toContain('[stop] SIGTERM: finishing requests in flight')
  expect(out).toContain('[stop] stopped')
  expect(out).toMatch(/from-the-proxy-123 GET \/healthz 200/)
}, 30_000)
