import fs from 'node:fs'
import path from 'node:path'

const texts = new Map<string, string | null>()

/** A built stylesheet's text (its URL as the build names it, under public/), read once; null if it is not there. */
export function builtCss(href: string) {
  let text = texts.get(href)
  if (text === undefined) {
    try {
      text = fs.readFileSync(path.join(process.cwd(), 'public', href), 'utf8')
    } catch {
      text = null
    }
    texts.set(href, text)
  }
  return text
}

const COOKIE = /(?:^|;\s*)css=([^;]*)/

/**
 * The stylesheet a page carries in itself, or null when it links it: in the page for a browser
 * that has not had this build's stylesheet yet (its first paint then waits for nothing), linked
 * once it has (then the file is in its cache, and every page is 3 KB lighter to send and to
 * compress). A cookie of no personal meaning — the stylesheet's file name — says which; a new
 * build's stylesheet has a new name. Sets the cookie on the response that inlines.
 */
export function inlineCssFor(request: Request, headers: Headers, href: string): string | null {
  const name = path.basename(href)
  const had = COOKIE.exec(request.headers.get('Cookie') ?? '')?.[1]
  if (had === name) return null
  const css = builtCss(href)
  if (css) headers.append('Set-Cookie', `css=${name}; Path=/; Max-Age=31536000; SameSite=Lax`)
  return css
}
