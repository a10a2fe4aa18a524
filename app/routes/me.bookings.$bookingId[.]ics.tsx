import type { LoaderFunctionArgs } from '@remix-run/node'
import { bookingIcs } from '~/models/booking/calendar.server'
import { requireUser } from '~/utils/auth.server'
import { getLanguage } from '~/utils/i18n.server'
import { requireId } from '~/utils/request.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const ics = await bookingIcs(user.id, requireId(params.bookingId), await getLanguage(request))
  if (!ics) throw new Response('Not found', { status: 404 })
  return new Response(ics, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'attachment; filename="carnation-booking.ics"',
    },
  })
}
