// npx tsx scripts/page-weights.ts — the JavaScript a phone receives for each page of the
// production build (npm run build first), as sent: the brotli files scripts/precompress.js
// wrote. A page loads the Remix manifest, the entry and its imports, every route module from
// root down to the page with their imports, and the page language's text (a chunk the entry
// imports when it starts, app/entry.client.tsx). Member pages must stay ≤ 150 KB
// (tests/integration/page-weight.test.ts); organiser and admin pages are printed, not held to it.
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

export const MEMBER_PAGE_BUDGET = 150 * 1024

type ManifestRoute = { id: string; parentId?: string; path?: string; module: string; imports?: string[] }
type ServerBuild = {
  assets: { url: string; entry: { module: string; imports: string[] }; routes: Record<string, ManifestRoute> }
  routes: Record<string, { module: { default?: unknown } }>
}

export type PageWeight = { id: string; path: string; member: boolean; bytes: number; files: number }

export async function pageWeights(root = process.cwd()): Promise<PageWeight[]> {
  const build = (await import(pathToFileURL(path.join(root, 'build/index.js')).href)) as ServerBuild
  const sent = (url: string) => fs.statSync(path.join(root, 'public', `${url}.br`)).size
  const { assets } = build
  const entryCode = fs.readFileSync(path.join(root, 'public', assets.entry.module), 'utf8')
  // the languages' text chunks the entry imports; a page loads one, counted at the heavier
  const languages = [...entryCode.matchAll(/import\("(\/build\/_shared\/(?:zh-CN|en)-\w+\.js)"\)/g)].map((m) => m[1])
  if (languages.length !== 2) throw new Error(`expected the entry to import two languages' text, found ${languages.length}`)
  const language = languages.reduce((a, b) => (sent(a) >= sent(b) ? a : b))
  const common = [assets.url, assets.entry.module, ...assets.entry.imports, language]

  const pages: PageWeight[] = []
  for (const [id, route] of Object.entries(assets.routes)) {
    if (id === 'root' || !build.routes[id]?.module.default) continue // resource routes have no page
    const files = new Set(common)
    for (let r: ManifestRoute | undefined = route; r; r = r.parentId ? assets.routes[r.parentId] : undefined) {
      files.add(r.module)
      for (const url of r.imports ?? []) files.add(url)
    }
    const bytes = [...files].reduce((sum, url) => sum + sent(url), 0)
    const member = !/^routes\/(organiser|admin|dev)\b/.test(id)
    pages.push({ id, path: `/${route.path ?? ''}`, member, bytes, files: files.size })
  }
  return pages.sort((a, b) => b.bytes - a.bytes)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const pages = await pageWeights()
  for (const page of pages) {
    const over = page.member && page.bytes > MEMBER_PAGE_BUDGET ? '  over the member budget' : ''
    console.log(
      `${(page.bytes / 1024).toFixed(1).padStart(6)} KB  ${String(page.files).padStart(2)} files  ${page.member ? 'member' : 'staff '}  ${page.path}${over}`,
    )
  }
  const heaviest = pages.find((p) => p.member)
  console.log(`member pages: heaviest ${heaviest?.path} ${((heaviest?.bytes ?? 0) / 1024).toFixed(1)} KB (budget 150 KB)`)
}
