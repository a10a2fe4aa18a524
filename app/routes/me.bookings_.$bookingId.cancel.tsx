import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Notices } from '~/components/notices'
import { CancelQuestion } from '~/components/cancel-question'
import { cancelBooking, describeCancellation } from '~/models/booking/cancel-booking.server'
import type { Notice } from '~/web/flash.server'
import { requireUser } from '~/web/auth.server'
import { safeRedirect } from '~/utils/safe-redirect'
import { redirectWithNotices } from '~/web/flash.server'
import { requireId } from '~/utils/request.server'
import { pageMeta } from '~/utils/meta'

export const meta: MetaFunction = () => pageMeta('取消报名 Cancel booking')

// Cancelling asks once: this page (without JavaScript) or the same content in a dialog (with
// it, loaded from here). It names who and which session, and where the place goes.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const booking = await describeCancellation({ bookingId: requireId(params.bookingId), userId: user.id })
  if (!booking) throw new Response('Not found', { status: 404 })
  return { booking, back: safeRedirect(new URL(request.url).searchParams.get('back'), '/me/bookings') }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const bookingId = requireId(params.bookingId)
  const form = await request.formData()
  const back = safeRedirect(form.get('back'), '/me/bookings')
  const before = await describeCancellation({ bookingId, userId: user.id })
  const result = await cancelBooking({ bookingId, userId: user.id })
  if (result.ok) {
    const notice: Notice = { key: 'booking.cancelledWho', params: { name: before?.attendee ?? '' }, tone: 'ok' }
    return redirectWithNotices(request, back, [notice])
  }
  const refusal: Notice =
    result.error === 'booking.deadlinePassed'
      ? { key: result.error, params: { deadline: result.deadline.toISOString(), phone: result.phone }, tone: 'error' }
      : { key: result.error, tone: 'error' }
  return data({ notices: [refusal] }, { status: result.error === 'booking.notFound' ? 404 : 409 })
}

export default function CancelPage() {
  const { booking, back } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <section className="narrow">
      <Notices notices={actionData?.notices} />
      <CancelQuestion booking={booking} back={back} />
    </section>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
