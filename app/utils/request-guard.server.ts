import type { IncomingMessage, ServerResponse } from 'node:http'
import { sendStaticPage } from './static-page.server'

/**
 * What a form POST must look like before Remix reads a byte of it (scripts/start.js mounts
 * this first): a body of known length up to `maxBodyBytes` (a 100 MB login used to grow the
 * server to 1 GB), form-encoded (JSON or text/plain bodies are 415, not a 500 inside an
 * action), and — when the browser names it — sent from this site (a cross-site form is 403,
 * where Remix's own check answered 500). GET and HEAD pass untouched.
 */
export const MAX_BODY_BYTES = 1024 * 1024
const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i

export function requestGuard(options: { maxBodyBytes?: number } = {}) {
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next()
    const refuse = (status: number, title: 'tooLargeTitle' | 'unsupportedTitle' | 'crossSiteTitle', body: 'tooLarge' | 'unsupported' | 'crossSite') => {
      // the body is not read: close the connection rather than drain megabytes
      res.setHeader('Connection', 'close')
      sendStaticPage(req, res, status, { title, body })
      req.destroy()
    }
    const length = req.headers['content-length']
    if (length === undefined && req.headers['transfer-encoding']) {
      res.setHeader('Connection', 'close')
      sendStaticPage(req, res, 411, { title: 'unsupportedTitle', body: 'unsupported' })
      return req.destroy()
    }
    if (length !== undefined && !(Number(length) <= limit)) return refuse(413, 'tooLargeTitle', 'tooLarge')
    const origin = req.headers.origin
    if (origin && origin !== 'null') {
      let originHost = ''
      try {
        originHost = new URL(origin).host
      } catch {
        // unreadable Origin: treated as another site
      }
      const host = String(req.headers['x-forwarded-host'] ?? req.headers.host ?? '').split(',')[0].trim()
      if (!host || originHost !== host) return refuse(403, 'crossSiteTitle', 'crossSite')
    } else if (origin === 'null') {
      return refuse(403, 'crossSiteTitle', 'crossSite')
    }
    if (Number(length ?? 0) > 0 && !FORM_TYPES.test(String(req.headers['content-type'] ?? ''))) {
      return refuse(415, 'unsupportedTitle', 'unsupported')
    }
    next()
  }
}
