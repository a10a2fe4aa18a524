import type { LoaderFunctionArgs } from '@remix-run/node'
import { downloadableRecord } from '~/models/lottery/results.server'
import { programmeSlug } from '~/models/lottery/schemas'

/**
 * The lottery's whole public record as a file: the commitment from the freeze on, the draw
 * once drawn. No name, id, phone or birth date — checked by public/verify-lottery.mjs alone.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const slug = programmeSlug.safeParse(params.slug)
  if (!slug.success) throw new Response('Not found', { status: 404 })
  const record = await downloadableRecord(slug.data)
  if (!record) throw new Response('Not found', { status: 404 })
  return new Response(`${JSON.stringify(record, null, 2)}\n`, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${slug.data}-lottery.json"`,
      'Cache-Control': record.draw ? 'public, max-age=3600' : 'no-cache',
    },
  })
}
