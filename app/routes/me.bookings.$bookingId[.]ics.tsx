import type { LoaderFunctionArgs } from '@remix-run/node'
import { bookingIcs } from '~/models/mail/calendar.server'
import { requireUser } from '~/web/auth.server'
import { requireId } from '~/utils/request.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  // in the member's chosen language, like their feed and their mail
  const ics = await bookingIcs(user.id, requireId(params.bookingId), user.locale)
  if (!ics) throw new Response('Not found', { status: 404 })
  return new Response(ics, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'attachment; filename="carnation-booking.ics"',
    },
  })
}
