import type { z } from 'zod'

/** Parse URL search params with zod; a malformed query is the client's fault (400). */
export function parseSearchParams<S extends z.ZodTypeAny>(request: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams)
  const parsed = schema.safeParse(params)
  if (!parsed.success) throw new Response('Invalid query / 查询参数无效', { status: 400 })
  return parsed.data
}

/** Route params and ids from forms: anything not shaped like our ids cannot exist (404). */
export function requireId(value: unknown): string {
  if (typeof value !== 'string' || !/^[a-z0-9]{20,32}$/i.test(value)) {
    throw new Response('Not found', { status: 404 })
  }
  return value
}
