import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { createCookieSessionStorage } from '@remix-run/node'
import { expect } from 'vitest'
import { createLogin } from '~/models/user/login.server'

/** A free TCP port on loopback. */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })

/**
 * The real production server (scripts/start.js: Express, the request guard, Remix, the
 * database, the job runner unless RUN_JOBS=false) on this worker's test database, in a process
 * of its own, with its own secret; `loginCookie` signs a login cookie with that secret.
 */
export async function startRealServer(env: Record<string, string> = {}) {
  expect(fs.existsSync(path.resolve('build/index.js')), 'run `npm run build` first (npm test does)').toBe(true)
  const port = await freePort()
  const secret = `real-${Date.now()}-${Math.random().toString(36).slice(2)}`
  const child: ChildProcess = spawn(process.execPath, ['scripts/start.js'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      INSECURE_COOKIES: 'true',
      SESSION_SECRET: secret,
      DATA_KEY: Buffer.alloc(32, 7).toString('base64'),
      SEED: 'false',
      RUN_JOBS: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output = { stdout: '', stderr: '' }
  child.stdout!.on('data', (c) => (output.stdout += c))
  child.stderr!.on('data', (c) => (output.stderr += c))
  const base = `http://127.0.0.1:${port}`
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break
    } catch {
      // not up yet
    }
    if (i > 150 || child.exitCode !== null) throw new Error(`server did not start: ${output.stderr}`)
    await new Promise((r) => setTimeout(r, 200))
  }
  const storage = createCookieSessionStorage({
    cookie: { name: '__session', path: '/', httpOnly: true, sameSite: 'lax', secrets: [secret] },
  })
  return {
    base,
    port,
    child,
    output,
    async loginCookie(userId: string) {
      const { id } = await createLogin(userId)
      const session = await storage.getSession()
      session.set('sessionId', id)
      return (await storage.commitSession(session)).split(';')[0]
    },
    stop() {
      child.kill('SIGTERM')
    },
  }
}
export type RealServer = Awaited<ReturnType<typeof startRealServer>>
