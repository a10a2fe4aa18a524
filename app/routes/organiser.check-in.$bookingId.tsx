import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { SessionWhen } from '~/components/session-card'
import { checkInAtDoor, findBookingForDoor } from '~/models/organiser/door-check-in.server'
import { recordNotesViewed } from '~/models/organiser/roster.server'
import { isMedicalNote } from '~/models/child/note-kind'
import { localized } from '~/models/programme/constants'
import { requireOrganiser } from '~/web/auth.server'
import { requireId } from '~/utils/request.server'
import { useLang } from '~/utils/use-lang'
import { z } from 'zod'

const doorForm = z.object({ intent: z.literal('check-in'), override: z.enum(['true']).optional() })

// What the QR code on a booking opens. Only organisers of that session's department (or
// admins) find the booking; anyone else gets a 403 or a 404, never the attendee's details.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireOrganiser(request)
  const booking = await findBookingForDoor(user, requireId(params.bookingId))
  if (!booking) throw new Response('Not found', { status: 404 })
  if (booking.child?.notes) await recordNotesViewed(user.id, booking.sessionId)
  return { booking }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireOrganiser(request)
  // the door form says what it does: anything else posted here changes nothing
  const form = doorForm.safeParse(Object.fromEntries(await request.formData()))
  if (!form.success) throw new Response('Bad request', { status: 400 })
  const result = await checkInAtDoor(user, requireId(params.bookingId), form.data.override === 'true')
  if (result === null) throw new Response('Not found', { status: 404 })
  return result.ok ? { checkedIn: true, error: null } : data({ checkedIn: false, error: result.error }, { status: 409 })
}

export default function DoorCheckIn() {
  const { t } = useTranslation()
  const lang = useLang()
  const { booking } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const name = booking.child?.name ?? booking.attendeeUser?.name ?? booking.booker.name
  return (
    <section className="narrow">
      <h1>{t('organiser.checkInTitle')}</h1>
      <p>
        <strong>{localized(booking.session.programme, 'title', lang)}</strong>
      </p>
      <p>
        <SessionWhen session={booking.session} />
      </p>
      <p className="lead">
        {name} · <span className={`status status-${booking.status}`}>{t(`me.status.${booking.status}`)}</span>
      </p>
      {booking.child?.notes ? (
        isMedicalNote(booking.child.notes) ? (
          <p className="form-error">⚠ {booking.child.notes}</p>
        ) : (
          <p className="note">{booking.child.notes}</p>
        )
      ) : null}
      {booking.checkedInAt || actionData?.checkedIn ? (
        <p className="notice" role="status">
          {t('organiser.checkInDone', { name })}
        </p>
      ) : booking.status === 'confirmed' ? (
        <Form method="post">
          {actionData?.error ? (
            <p className="form-error" role="alert">
              {t(actionData.error)}
            </p>
          ) : null}
          {booking.sessionDay ? null : <input type="hidden" name="override" value="true" />}
          <button type="submit" name="intent" value="check-in" className="primary big-button">
            {booking.sessionDay ? t('organiser.checkInFor', { name }) : t('organiser.checkInAnywayFor', { name })}
          </button>
        </Form>
      ) : null}
      <p>
        <Link to={`/organiser/sessions/${booking.sessionId}`}>{t('organiser.roster')}</Link>
      </p>
    </section>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
