import type { LoaderFunctionArgs } from '@remix-run/node'
import { calendarFeed } from '~/models/mail/calendar.server'

export async function loader({ params }: LoaderFunctionArgs) {
  const token = String(params.token ?? '')
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) throw new Response('Not found', { status: 404 })
  const feed = await calendarFeed(token)
  if (!feed) throw new Response('Not found', { status: 404 })
  return new Response(feed, {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8', 'Cache-Control': 'private, max-age=300' },
  })
}
