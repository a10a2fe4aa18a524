import { createContext, useContext } from 'react'

/** The site stylesheet's text, read once by the server (app/utils/site-css.server.ts); null in the browser. */
export const SiteCssContext = createContext<string | null>(null)

/**
 * The site's one stylesheet, in the page itself (≈ 3 KB compressed): nothing stands between the
 * HTML and its first paint, which on a slow phone network is a round trip or more saved (a
 * linked stylesheet blocks rendering until it arrives). In the browser the text is already in
 * the document, so hydration keeps it. Where the server could not read the file, the link.
 */
export function SiteStylesheet({ href }: { href: string }) {
  const css = useContext(SiteCssContext) ?? (typeof document === 'undefined' ? null : document.getElementById('site-css')?.textContent)
  if (!css) return <link rel="stylesheet" href={href} />
  return <style id="site-css" dangerouslySetInnerHTML={{ __html: css }} />
}
