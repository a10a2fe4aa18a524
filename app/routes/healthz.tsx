import { db } from '~/utils/db.server'

export async function loader() {
  try {
    await db.$queryRawUnsafe('SELECT 1')
    return Response.json({ status: 'ok', database: 'ok' })
  } catch {
    return Response.json({ status: 'error', database: 'unreachable' }, { status: 503 })
  }
}
