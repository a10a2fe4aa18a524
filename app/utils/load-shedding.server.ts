import type { IncomingMessage, ServerResponse } from 'node:http'
import { toLanguage } from '~/i18n'
import en from '~/locales/en'
import zhCN from '~/locales/zh-CN'
import { BUSY_RETRY_AFTER_SECONDS } from './busy.server'
import { getEnv } from './env.server'

/**
 * Bounded queueing in front of the app (scripts/start.js mounts it before Remix). At most
 * `concurrency` requests run at once; the rest wait in line, first come first served. A
 * request that finds the line full, or has waited `maxWaitMs`, is answered at once with the
 * "busy, try again in a few seconds" page (503, Retry-After) — it never reached a loader or
 * an action, so nothing was written. Under a rush a member gets a fast, honest answer
 * instead of a 20-second spinner. /healthz skips the line (a load balancer must see a
 * process that is alive, busy or not).
 */
export type SheddingOptions = { concurrency: number; maxQueue: number; maxWaitMs: number }

export function loadShedding(options: SheddingOptions) {
  let running = 0
  const line: { start: () => void; timer: NodeJS.Timeout }[] = []
  const stats = { served: 0, shed: 0 }

  const next = () => {
    running--
    const waiting = line.shift()
    if (waiting) {
      clearTimeout(waiting.timer)
      waiting.start()
    }
  }

  const middleware = (req: IncomingMessage, res: ServerResponse, proceed: () => void) => {
    if (req.url === '/healthz') return proceed()
    const start = () => {
      running++
      stats.served++
      let done = false
      const finish = () => {
        if (done) return
        done = true
        next()
      }
      res.once('finish', finish)
      res.once('close', finish)
      proceed()
    }
    if (running < options.concurrency) return start()
    if (line.length >= options.maxQueue) return shed(req, res)
    const entry = {
      start,
      timer: setTimeout(() => {
        line.splice(line.indexOf(entry), 1)
        shed(req, res)
      }, options.maxWaitMs),
    }
    line.push(entry)
  }

  function shed(req: IncomingMessage, res: ServerResponse) {
    stats.shed++
    const lang = requestLanguage(req)
    res.writeHead(503, {
      'Content-Type': 'text/html; charset=utf-8',
      'Retry-After': String(BUSY_RETRY_AFTER_SECONDS),
      'Cache-Control': 'no-store',
    })
    // "try again" reloads the page asked for — only ever a path on this site
    const url = req.method === 'GET' && /^\/(?![/\\])[^\s]*$/.test(req.url ?? '') ? req.url! : '/'
    res.end(busyPage(lang, url))
    // the body of a refused POST is not read: drop the connection's rest instead of parsing it
    req.resume()
  }

  return { middleware, stats, get running() { return running }, get waiting() { return line.length } }
}

/** The shedder with this process's settings (LOAD_CONCURRENCY, LOAD_MAX_QUEUE, LOAD_MAX_WAIT_MS). */
export function loadSheddingFromEnv() {
  const env = getEnv()
  return loadShedding({ concurrency: env.LOAD_CONCURRENCY, maxQueue: env.LOAD_MAX_QUEUE, maxWaitMs: env.LOAD_MAX_WAIT_MS })
}

/** The member's language without touching the database: the lng cookie, else the browser's. */
function requestLanguage(req: IncomingMessage) {
  const cookie = /(?:^|;\s*)lng=([^;]+)/.exec(req.headers.cookie ?? '')
  if (cookie) {
    try {
      // remix's createCookie stores JSON, base64-encoded
      const value = JSON.parse(Buffer.from(decodeURIComponent(cookie[1]), 'base64').toString('utf8'))
      if (typeof value === 'string') return toLanguage(value)
    } catch {
      // an unreadable cookie: fall back to the browser
    }
  }
  const accept = String(req.headers['accept-language'] ?? '')
  return /^\s*en\b/i.test(accept) ? 'en' : 'zh-CN'
}

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)

/** A complete page, no script needed: works with JavaScript off and on any phone. */
function busyPage(lang: 'zh-CN' | 'en', url: string) {
  const t = (lang === 'en' ? en : zhCN).errors
  return `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta http-equiv="refresh" content="${BUSY_RETRY_AFTER_SECONDS * 2}"><title>${escape(t.busyTitle)}</title><style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;padding:24px;color:#1f2328;background:#fffafb}h1{color:#b5224f;font-size:1.4rem}a{display:inline-block;min-height:44px;line-height:44px;color:#b5224f}</style></head><body><main><h1>${escape(t.busyTitle)}</h1><p>${escape(t.busy)}</p><p><a href="${escape(url)}">${lang === 'en' ? 'Try again' : '再试一次'}</a></p></main></body></html>`
}
