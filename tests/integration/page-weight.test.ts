import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { MEMBER_PAGE_BUDGET, pageWeights } from '../../scripts/page-weights'

// Byte counts of the production build (npm test builds before vitest), not timings: exact on any
// machine. A phone on a slow network pays for every kilobyte before the page answers a tap.
describe('JavaScript a member page sends', () => {
  it('is at most 150 KB compressed on every member page', async () => {
    const pages = await pageWeights()
    const members = pages.filter((p) => p.member)
    expect(members.map((p) => p.path)).toEqual(expect.arrayContaining(['/programmes/:slug', '/login', '/me/profile']))
    expect(members.filter((p) => p.bytes > MEMBER_PAGE_BUDGET).map((p) => `${p.path} ${p.bytes}`)).toEqual([])
  })

  it('carries no text in the entry, each language in its own chunk, and no mail text at all', () => {
    const dir = 'public/build'
    const entry = fs.readdirSync(dir).find((f) => /^entry\.client-\w+\.js$/.test(f))!
    expect(fs.readFileSync(`${dir}/${entry}`, 'utf8')).not.toContain('skipToContent')
    const chunks = fs.readdirSync(`${dir}/_shared`).filter((f) => /^(zh-CN|en)-\w+\.js$/.test(f))
    expect(chunks).toHaveLength(2)
    for (const chunk of chunks) {
      const code = fs.readFileSync(`${dir}/_shared/${chunk}`, 'utf8')
      expect(code).toContain('skipToContent')
      expect(code).not.toContain('greeting') // mail.greeting: mail is written on the server only
    }
  })
})

describe('the stylesheet on a first visit', () => {
  it('is in the page, named in a cookie; a browser that sends the cookie back gets the link to its cached file', async () => {
    const { inlineCssFor } = await import('~/utils/site-css.server')
    const file = fs.readdirSync('public/build/_assets').find((f) => /^app-\w+\.css$/.test(f))!
    const href = `/build/_assets/${file}`
    const first = new Headers()
    const css = inlineCssFor(new Request('http://localhost/programmes'), first, href)
    expect(css).toBe(fs.readFileSync(`public${href}`, 'utf8'))
    expect(first.get('Set-Cookie')).toMatch(new RegExp(`^css=${file.replace('.', '\\.')}; Path=/; Max-Age=\\d+; SameSite=Lax$`))
    const again = new Headers()
    const cookie = `__session=x; css=${file}; lng=y`
    expect(inlineCssFor(new Request('http://localhost/programmes', { headers: { Cookie: cookie } }), again, href)).toBeNull()
    expect(again.get('Set-Cookie')).toBeNull()
    // a new build's stylesheet (another name): in the page again
    expect(inlineCssFor(new Request('http://localhost/', { headers: { Cookie: 'css=app-OLD.css' } }), new Headers(), href)).toBe(css)
  })
})
