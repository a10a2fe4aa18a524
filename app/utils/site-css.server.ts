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
