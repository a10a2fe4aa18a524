import type { IncomingMessage, ServerResponse } from 'node:http'
import { sendStaticPage } from './static-page.server'

/**
 * What a form POST must look like before Remix reads a byte of it (scripts/start.js mounts
 * this first): a body of known length up to `maxBodyBytes` (a 100 MB login used to grow the
 * server to 1 GB), form-encoded (JSON, text/plain or untyped bodies — empty ones too — are 415,
 * not a 500 inside an action), and — when the browser names it — sent from this site (a cross-site form is 403,
 * where Remix's own check answered 500). GET and HEAD pass untouched.
 */
export const MAX_BODY_BYTES = 1024 * 1024
// forms are url-encoded; multipart is refused rather than half-parsed, except on the one page
// that takes a file (the member register's CSV), which has its own, larger limit
const FORM_TYPES = /^application\/x-www-form-urlencoded\s*(;|$)/i
const MULTIPART = /^multipart\/form-data\s*;\s*boundary=/i
export const UPLOAD_ROUTES: Record<string, number> = { '/organiser/members': 10 * 1024 * 1024 }
// and JSON only where a script of ours sends it: the door's queued records (a cross-site form
// cannot send application/json without the browser asking first)
const JSON_TYPE = /^application\/json\s*(;|$)/i
export const JSON_ROUTES = new Set(['/organiser/door/sync'])

export function requestGuard(options: { maxBodyBytes?: number } = {}) {
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next()
    const refuse = (
      status: number,
      title: 'tooLargeTitle' | 'unsupportedTitle' | 'crossSiteTitle',
      body: 'tooLarge' | 'unsupported' | 'crossSite',
    ) => {
      if (status === 413 || status === 411) {
        // too big or of unknown size: not read; the connection is closed after the answer
        res.setHeader('Connection', 'close')
        sendStaticPage(req, res, status, { title, body })
        res.once('finish', () => req.destroy())
        return
      }
      // small (the length was checked first): drained unread, the connection stays usable
      req.resume()
      sendStaticPage(req, res, status, { title, body })
    }
    const length = req.headers['content-length']
    const path = (req.url ?? '').split('?')[0]
    const upload = UPLOAD_ROUTES[path]
    const contentType = String(req.headers['content-type'] ?? '')
    const isUpload = upload !== undefined && MULTIPART.test(contentType)
    const isJson = JSON_ROUTES.has(path) && JSON_TYPE.test(contentType)
    if (length === undefined && req.headers['transfer-encoding']) return refuse(411, 'unsupportedTitle', 'unsupported')
    if (length !== undefined && !(Number(length) <= (isUpload ? upload : limit))) return refuse(413, 'tooLargeTitle', 'tooLarge')
    const origin = req.headers.origin
    if (origin && origin !== 'null') {
      let originHost = ''
      try {
        originHost = new URL(origin).host
      } catch {
        // unreadable Origin: treated as another site
      }
      const host = String(req.headers['x-forwarded-host'] ?? req.headers.host ?? '')
        .split(',')[0]
        .trim()
      if (!host || originHost !== host) return refuse(403, 'crossSiteTitle', 'crossSite')
    } else if (origin === 'null') {
      return refuse(403, 'crossSiteTitle', 'crossSite')
    }
    // every POST is a form, even an empty one: without a form type (or with none at all)
    // request.formData() would throw inside the action
    if (!isUpload && !isJson && !FORM_TYPES.test(contentType)) {
      return refuse(415, 'unsupportedTitle', 'unsupported')
    }
    // an answer given without reading the body (a redirect to the login page): drain the rest,
    // or the next request on this keep-alive connection waits behind it
    res.once('finish', () => {
      if (!req.complete) req.resume()
    })
    next()
  }
}
