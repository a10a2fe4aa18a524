/**
 * Where to send someone after a form: only a path on this site. The value is resolved the way
 * a browser would (tabs and newlines dropped, backslashes as slashes) and refused unless it
 * stays on our origin, so "/\t/evil.com" or "/\\evil.com" cannot leave; what is returned is the
 * resolved, percent-encoded path (nothing a Location header could choke on).
 */
const HERE = 'http://carnation.invalid'
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/') {
  if (typeof to !== 'string' || !to.startsWith('/') || to.length > 2000) return fallback
  let url: URL
  try {
    url = new URL(to, HERE)
  } catch {
    return fallback
  }
  if (url.origin !== HERE) return fallback
  // encoded tricks ("/%5Cevil.example", "/%09/evil.example"): a path whose decoded form holds a
  // backslash or a control character, or starts "//", is nobody's real page here
  let decoded: string
  try {
    decoded = decodeURIComponent(url.pathname)
  } catch {
    return fallback
  }
  if (/[\\\u0000-\u001f\u007f]/.test(decoded) || decoded.startsWith('//')) return fallback
  return `${url.pathname}${url.search}${url.hash}`
}
