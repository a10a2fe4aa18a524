import type { ActionFunctionArgs } from '@remix-run/node'
import { syncDoorRecords } from '~/models/organiser/door.server'
import { DOOR_BATCH_MAX, doorBatchSchema } from '~/models/organiser/schemas'
import { MAX_BODY_BYTES } from '~/utils/request-guard.server'
import { requireOrganiserForFetch } from '~/web/auth.server'

const refuse = (error: string, status: number) => Response.json({ error }, { status, headers: { 'Cache-Control': 'no-store' } })

// The records a door queued, sent when it can (docs/decisions/0021-door-offline.md): a batch of up
// to DOOR_BATCH_MAX, checked whole before anything is written; each record's answer in order.
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireOrganiserForFetch(request)
  if (!/^application\/json\s*(;|$)/i.test(request.headers.get('Content-Type') ?? '')) return refuse('errors.badRequest', 415)
  const text = await request.text()
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) return refuse('door.batchTooLarge', 413)
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return refuse('door.badBatch', 400)
  }
  const records = (body as { records?: unknown } | null)?.records
  if (Array.isArray(records) && records.length > DOOR_BATCH_MAX) return refuse('door.batchTooLarge', 413)
  const batch = doorBatchSchema.safeParse(body)
  if (!batch.success) return refuse('door.badBatch', 400)
  const results = await syncDoorRecords(user, batch.data.records)
  return Response.json({ results, serverTime: new Date().toISOString() }, { headers: { 'Cache-Control': 'no-store' } })
}

export function loader() {
  return refuse('errors.badRequest', 405)
}
