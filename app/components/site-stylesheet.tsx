import { createContext, useContext } from 'react'

/** The site stylesheet's text when this page carries it (app/utils/site-css.server.ts); null otherwise and in the browser. */
export const SiteCssContext = createContext<string | null>(null)

/**
 * The site's one stylesheet (≈ 3 KB compressed): in the page itself on a browser's first visit,
 * so nothing stands between the HTML and its first paint (on a slow phone network a linked
 * stylesheet costs a round trip or more before anything shows), with a prefetch that puts the
 * file in the cache for the next page, which links it. In the browser the inlined text is
 * already in the document, so hydration keeps whichever the server sent.
 */
export function SiteStylesheet({ href }: { href: string }) {
  const css = useContext(SiteCssContext) ?? (typeof document === 'undefined' ? null : document.getElementById('site-css')?.textContent)
  if (!css) return <link rel="stylesheet" href={href} />
  return (
    <>
      <style id="site-css" dangerouslySetInnerHTML={{ __html: css }} />
      <link rel="prefetch" as="style" href={href} />
    </>
  )
}
