import type { IncomingMessage, ServerResponse } from 'node:http'
import { BUSY_RETRY_AFTER_SECONDS } from './busy.server'
import { getEnv } from './env.server'
import { sendStaticPage } from './static-page.server'

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

// requests waiting in a line, in this process (every shedder's): the server is at its limit
let waitingInProcess = 0
/**
 * How many requests wait in line right now: more than none means every slot is busy. Background
 * work that can wait a few seconds (the mail after a rush) gives way while it is so.
 */
export const requestsWaiting = () => waitingInProcess

export function loadShedding(options: SheddingOptions) {
  let running = 0
  const line: { start: () => void; timer: NodeJS.Timeout }[] = []
  const stats = { served: 0, shed: 0 }

  const next = () => {
    running--
    const waiting = line.shift()
    if (waiting) {
      waitingInProcess--
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
        waitingInProcess--
        shed(req, res)
      }, options.maxWaitMs),
    }
    line.push(entry)
    waitingInProcess++
  }

  function shed(req: IncomingMessage, res: ServerResponse) {
    stats.shed++
    // "try again" reloads the page asked for — only ever a path on this site
    const link = req.method === 'GET' && /^\/(?![/\\])[^\s]*$/.test(req.url ?? '') ? req.url : '/'
    sendStaticPage(req, res, 503, { title: 'busyTitle', body: 'busy', retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS, link })
    // the body of a refused POST is not read: let it drain instead of parsing it
    req.resume()
  }

  return {
    middleware,
    stats,
    get running() {
      return running
    },
    get waiting() {
      return line.length
    },
  }
}

/** The shedder with this process's settings (LOAD_CONCURRENCY, LOAD_MAX_QUEUE, LOAD_MAX_WAIT_MS). */
export function loadSheddingFromEnv() {
  const env = getEnv()
  return loadShedding({ concurrency: env.LOAD_CONCURRENCY, maxQueue: env.LOAD_MAX_QUEUE, maxWaitMs: env.LOAD_MAX_WAIT_MS })
}
