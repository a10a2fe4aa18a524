import fs from 'node:fs'
import path from 'node:path'
import { createMemoryHistory, createRouter, matchRoutes, type AgnosticRouteObject } from '@remix-run/router'
import { createRequestHandler, type ServerBuild } from '@remix-run/node'
import { describe, expect, it } from 'vitest'
import { db } from '~/utils/db.server'
import { testClock } from '../clock'
import { createChild, createDepartment, createProgramme, createSession, createUser } from '../factories'
import { loginCookie } from './request'

// What the server does for every page (docs/decisions/0026). The patches (patch-package,
// patches/): the router keeps a route tree's flattened, ranked branches and the branch each path
// matched; Remix hands a page's loaders the request itself. What they must not change is which
// routes a URL reaches. And the page leaves in one piece, not in React's 2 KB views.

type Manifest = Record<string, { id: string; parentId?: string; path?: string; index?: boolean }>

/** The build's routes (npm test builds first) as a router's tree, made anew on every call. */
function treeOf(manifest: Manifest): AgnosticRouteObject[] {
  const childrenOf = (parentId: string | undefined): AgnosticRouteObject[] =>
    Object.values(manifest)
      .filter((route) => route.parentId === parentId)
      .map((route) =>
        route.index ? { id: route.id, index: true as const } : { id: route.id, path: route.path, children: childrenOf(route.id) },
      )
  return childrenOf(undefined)
}

/** A URL each route answers, and the near misses around them. */
function urlsOf(manifest: Manifest) {
  const urls = new Set(['/', '/programmes', '/programmes/', '/programmes/new', '/organiser/programmes/new', '/nowhere/at/all'])
  for (const route of Object.values(manifest)) {
    if (!route.path) continue
    const url = `/${route.path.replace(/:\w+/g, 'c1x2').replace(/\*$/, 'a/b')}`
    for (const variant of [url, `${url}/`, `${url}/extra`, url.toUpperCase(), `${url}%20`]) urls.add(variant)
  }
  return [...urls]
}

const ids = (matches: ReturnType<typeof matchRoutes>) => matches?.map((m) => `${m.route.id}${JSON.stringify(m.params)}`) ?? null

describe('route matching with the cached branches', () => {
  it('reaches the same routes for every URL, warm as cold', async () => {
    const buildFile = path.resolve('build/index.js')
    expect(fs.existsSync(buildFile), 'run `npm run build` first (npm test does)').toBe(true)
    const { routes: manifest } = (await import(buildFile)) as { routes: Manifest }
    const urls = urlsOf(manifest)
    expect(urls.length).toBeGreaterThan(200)
    // cold: a tree never matched before, so flattened, ranked and searched from the first branch
    const cold = urls.map((url) => ids(matchRoutes(treeOf(manifest), url)))
    expect(cold.filter((m) => m === null)).toEqual([]) // the splat route answers the rest
    const warm = treeOf(manifest)
    for (let round = 0; round < 2; round++) expect(urls.map((url) => ids(matchRoutes(warm, url)))).toEqual(cold)
    // the order decides: the literal route before the parameter, the splat last
    expect(cold[urls.indexOf('/organiser/programmes/new')]).toEqual(['root{}', 'routes/organiser.programmes.new{}'])
    expect(cold[urls.indexOf('/nowhere/at/all')]).toEqual(['root{"*":"nowhere/at/all"}', 'routes/${"*":"nowhere/at/all"}'])
  })

  it('forgets a tree when routes are added to it (route discovery in a browser)', () => {
    const router = createRouter({
      routes: [{ id: 'root', path: '/', children: [{ id: 'a', path: 'a' }] }],
      history: createMemoryHistory(),
    })
    const tree = router.routes
    expect(ids(matchRoutes(tree, '/b'))).toBeNull()
    expect(ids(matchRoutes(tree, '/b'))).toBeNull() // remembered as no match
    router.patchRoutes('root', [{ id: 'b', path: 'b' }])
    expect(ids(matchRoutes(tree, '/b'))).toEqual(['root{}', 'b{}'])
    router.dispose()
  })
})

describe("a page's loaders", () => {
  // a two-route build: what each loader was given
  function buildSeeing(seen: Request[]): ServerBuild {
    const loader = ({ request }: { request: Request }) => (seen.push(request), null)
    const route = (id: string, parentId: string | undefined, extra: object) => ({
      id,
      parentId,
      module: { loader, default: () => null },
      ...extra,
    })
    const assetRoute = (id: string, parentId: string | undefined, extra: object) => ({
      id,
      parentId,
      hasLoader: true,
      hasAction: false,
      hasClientLoader: false,
      hasClientAction: false,
      hasErrorBoundary: false,
      module: '',
      ...extra,
    })
    return {
      mode: 'production',
      future: { v3_singleFetch: true },
      publicPath: '/build/',
      assetsBuildDirectory: 'public/build',
      basename: undefined,
      isSpaMode: false,
      entry: { module: { default: async (request: Request) => (seen.push(request), new Response('page')) } },
      routes: {
        root: route('root', undefined, { path: '' }),
        'routes/page': route('routes/page', 'root', { path: 'page' }),
      },
      assets: {
        entry: { module: '', imports: [] },
        routes: {
          root: assetRoute('root', undefined, { path: '' }),
          'routes/page': assetRoute('routes/page', 'root', { path: 'page' }),
        },
        url: '',
        version: '1',
      },
    } as unknown as ServerBuild
  }

  it('are given the request itself, so what they share is read once a request', async () => {
    const seen: Request[] = []
    const response = await createRequestHandler(buildSeeing(seen))(new Request('http://localhost/page?day=2026-07-01'))
    expect(response.status).toBe(200)
    expect(seen).toHaveLength(3) // the root's loader, the page's, the render
    expect(new Set(seen).size).toBe(1)
  })

  it('still do not see the parameters Remix adds for itself', async () => {
    const seen: Request[] = []
    await createRequestHandler(buildSeeing(seen))(new Request('http://localhost/page?index&_routes=root&day=1'))
    for (const request of seen.slice(0, 2)) expect(new URL(request.url).search).toBe('?day=1')
  })
})

describe('a page', () => {
  it("goes to the compressor and the socket in one piece, not in React's 2 KB views", async () => {
    const buildFile = path.resolve('build/index.js')
    const { now } = testClock()
    const dept = await createDepartment(db)
    const programme = await createProgramme(db, dept.id, { slug: 'one-piece', audience: 'child' }, now)
    for (let i = 0; i < 6; i++) await createSession(db, programme.id, { startsAt: new Date(now.getTime() + (i + 3) * 86_400_000) }, now)
    const parent = await createUser(db)
    await createChild(db, parent.id, { name: '王小明' })
    const handle = createRequestHandler(await import(buildFile), 'production')
    const response = await handle(
      new Request('http://localhost/programmes/one-piece', { headers: { Cookie: await loginCookie(parent.id) } }),
    )
    expect(response.status).toBe(200)
    const chunks: Uint8Array[] = []
    const reader = response.body!.getReader()
    for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value)
    const page = Buffer.concat(chunks).toString('utf8')
    expect(page.length).toBeGreaterThan(16_000) // eight of React's 2 KB views or more
    expect(page).toContain('王小明')
    expect(page).toContain('</html>')
    // the document, then the two parts of the hydration data Remix streams after it
    expect(chunks.length).toBeLessThanOrEqual(3)
  })
})
