// Starts Carnation: creates and migrates the database if needed, seeds demo data on first
// run, then serves the built Remix app with its background jobs.
import path from 'node:path'
import { createRequestHandler } from '@remix-run/express'
import compression from 'compression'
import express from 'express'
import { migrate } from './migrate.js'

process.env.NODE_ENV ??= 'production'
process.env.DATABASE_URL ??= 'file:./data/carnation.db'
try {
  await migrate(process.env.DATABASE_URL)
} catch (error) {
  console.error(`[migrate] ${error.message}`)
  process.exit(1)
}

let build
try {
  build = await import(path.resolve('build/index.js'))
} catch (error) {
  // a refused configuration (e.g. SESSION_SECRET) says what to fix, without a stack
  console.error(`[start] ${error.message}`)
  process.exit(1)
}
await build.entry.module.boot()

const app = express()
app.disable('x-powered-by')
// pages and scripts compressed (brotli or gzip, as the phone asks): the catalogue's HTML and
// JavaScript shrink to about a third; nginx in front may do it instead (docs/deploy.md)
app.use(compression())
// nosniff, Referrer-Policy, no framing, HSTS (pages add their CSP in app/entry.server.tsx)
app.use(build.entry.module.commonSecurityHeaders)
app.use('/build', express.static('public/build', { immutable: true, maxAge: '1y' }))
app.use(express.static('public', { maxAge: '1h' }))
// a form POST of known, bounded size, form-encoded, from this site — or a 4xx page, unread
app.use(build.entry.module.requestGuard())
// bounded queueing before the app: past it, a fast "busy, try again" page (503), not a long wait
app.use(build.entry.module.loadSheddingFromEnv().middleware)
// behind nginx set TRUST_PROXY (e.g. "loopback") so req.ip is the phone's, not nginx's
if (process.env.TRUST_PROXY) app.set('trust proxy', process.env.TRUST_PROXY)
app.all('*', createRequestHandler({ build, mode: process.env.NODE_ENV, getLoadContext: (req) => ({ clientAddress: req.ip }) }))

const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? '0.0.0.0'
app.listen(port, host, () => console.log(`Carnation is running on http://localhost:${port}`))

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0))
