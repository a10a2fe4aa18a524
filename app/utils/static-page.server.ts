import type { IncomingMessage, ServerResponse } from 'node:http'
import { toLanguage, type Language } from '~/i18n'
import en from '~/locales/en'
import zhCN from '~/locales/zh-CN'

/**
 * Answers given in front of the app (scripts/start.js), before Remix and the database: a
 * complete page in the member's language, no script, works on any phone.
 */
type ErrorKey = keyof (typeof zhCN)['errors']

/** The member's language without touching the database: the lng cookie, else the browser's. */
export function requestLanguage(req: IncomingMessage): Language {
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

export function sendStaticPage(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  page: { title: ErrorKey; body: ErrorKey; retryAfterSeconds?: number; link?: string },
) {
  const lang = requestLanguage(req)
  const t = (lang === 'en' ? en : zhCN).errors
  const link = page.link ?? '/'
  const refresh = page.retryAfterSeconds ? `<meta http-equiv="refresh" content="${page.retryAfterSeconds * 2}">` : ''
  const html = `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">${refresh}<title>${escape(t[page.title])}</title><style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;padding:24px;color:#1f2328;background:#fffafb}h1{color:#b5224f;font-size:1.4rem}a{display:inline-block;min-height:44px;line-height:44px;color:#b5224f}</style></head><body><main><h1>${escape(t[page.title])}</h1><p>${escape(t[page.body])}</p><p><a href="${escape(link)}">${page.retryAfterSeconds ? (lang === 'en' ? 'Try again' : '再试一次') : lang === 'en' ? 'Home' : '返回首页'}</a></p></main></body></html>`
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    ...(page.retryAfterSeconds ? { 'Retry-After': String(page.retryAfterSeconds) } : {}),
  })
  res.end(html)
}
