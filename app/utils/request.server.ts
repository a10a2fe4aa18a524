import ipaddr from 'ipaddr.js'
import type { z } from 'zod'
import { cuidId } from './validation'

/** Parse URL search params with zod; a malformed query is the client's fault (400). */
export function parseSearchParams<S extends z.ZodTypeAny>(request: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams)
  const parsed = schema.safeParse(params)
  if (!parsed.success) throw new Response('Invalid query / 查询参数无效', { status: 400 })
  return parsed.data
}

/** Route params and ids from forms: anything not shaped like our ids cannot exist (404). */
export function requireId(value: unknown): string {
  const id = cuidId.safeParse(value)
  if (!id.success) throw new Response('Not found', { status: 404 })
  return id.data
}

/**
 * The client as rate limits count it: the address the server saw (scripts/start.js passes
 * Express's req.ip, which honours X-Forwarded-For only from the proxies TRUST_PROXY names),
 * with an IPv6 address grouped by its /64 — one phone or home is given a whole /64 and can
 * pick a new address in it for every request — and an IPv4-mapped one read as IPv4.
 * Unknown outside a server.
 */
export function clientAddress(context: unknown) {
  const address = (context as { clientAddress?: unknown } | undefined)?.clientAddress
  if (typeof address !== 'string' || address.length === 0 || address.length > 100) return 'unknown'
  return clientKey(address)
}

export function clientKey(address: string) {
  if (!ipaddr.isValid(address)) return address
  const parsed = ipaddr.parse(address)
  if (parsed.kind() === 'ipv4') return parsed.toString()
  const v6 = parsed as ipaddr.IPv6
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString()
  const parts = v6.parts.slice(0, 4).map((part) => part.toString(16))
  return `${parts.join(':')}::/64`
}

/** A file to save (a roster, a copy of my data): never kept by a cache on the way, it holds personal data. */
export function download(body: BodyInit, contentType: string, filename: string) {
  return new Response(body, {
    headers: { 'Content-Type': contentType, 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'no-store' },
  })
}
