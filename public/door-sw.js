// The door's service worker (docs/decisions/0021-door-offline.md). Registered by the door page
// only, with the scope /organiser/door: no member page is ever served from it. It keeps the door
// page and the scripts and styles it loads, so the page opens with no network; the day's list
// and the queued records live in IndexedDB, not here. Everything else goes to the network as usual.
const CACHE = 'carnation-door-v1'
const PAGE = '/organiser/door'

async function keepPage(response) {
  const cache = await caches.open(CACHE)
  await cache.put(PAGE, response.clone())
  const html = await response.text()
  const assets = [...html.matchAll(/(?:href|src)="(\/build\/[^"]+)"/g)].map((m) => m[1])
  await Promise.all([...new Set(assets)].map((url) => cache.match(url).then((hit) => hit || cache.add(url))))
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    fetch(PAGE, { credentials: 'same-origin' })
      .then((response) => (response.ok && !response.redirected ? keepPage(response) : undefined))
      .catch(() => undefined)
      .then(() => self.skipWaiting()),
  )
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('carnation-door-') && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  )
})

// the page: from the network when there is one (and kept), else the kept copy
async function page(request) {
  try {
    const response = await fetch(request)
    if (response.ok && !response.redirected && response.type === 'basic') await keepPage(response.clone())
    return response
  } catch (error) {
    const kept = await caches.match(PAGE)
    if (kept) return kept
    throw error
  }
}

// scripts and styles have their hash in their name: the kept copy is the right one
async function asset(request) {
  const cache = await caches.open(CACHE)
  const kept = await cache.match(request)
  if (kept) return kept
  const response = await fetch(request)
  if (response.ok) await cache.put(request, response.clone())
  return response
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url)
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return
  if (event.request.mode === 'navigate' && url.pathname === PAGE) return event.respondWith(page(event.request))
  if (url.pathname.startsWith('/build/') || url.pathname === '/door.webmanifest' || url.pathname.startsWith('/door-icon-'))
    return event.respondWith(asset(event.request))
})
