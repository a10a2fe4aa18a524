// The reload storm's floor (scripts/bench-pages.ts): a bare Remix 2 app, no database, no auth,
// whose one route renders a page of the size it is told (PAGE_BYTES), built and served the way
// Carnation is (classic compiler, remix-serve). Not part of the product.
/** @type {import('@remix-run/dev').AppConfig} */
export default {
  serverModuleFormat: 'esm',
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
}
