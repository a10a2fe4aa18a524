import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { SessionWhen } from '~/components/session-card'
import { findBookingForDoor } from '~/models/organiser/door-check-in.server'
import { recordArrival, recordPickup } from '~/models/attendance/register.server'
import { collectorOf, pickupSchema } from '~/models/organiser/schemas'
import { existingParams } from '~/components/organiser/day-register'
import { DayRecord, PickupForm } from '~/components/organiser/roster-list'
import { recordNotesViewed } from '~/models/organiser/roster.server'
import { isMedicalNote } from '~/models/child/note-kind'
import { localized } from '~/models/programme/constants'
import { requireOrganiser } from '~/web/auth.server'
import { requireId } from '~/utils/request.server'
import { useLang } from '~/components/hooks/use-lang'
import { z } from 'zod'
import { AnswersList } from '~/components/answers-list'

const arrivalForm = z.object({ intent: z.literal('check-in'), override: z.enum(['true']).optional() })

// What the QR code on a booking opens. Only organisers of that session's department (or
// admins) find the booking; anyone else gets a 403 or a 404, never the attendee's details.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireOrganiser(request)
  const booking = await findBookingForDoor(user, requireId(params.bookingId))
  if (!booking) throw new Response('Not found', { status: 404 })
  if (booking.child?.notes || booking.sensitiveShown) await recordNotesViewed(user.id, booking.sessionId)
  return { booking }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireOrganiser(request)
  const booking = await findBookingForDoor(user, requireId(params.bookingId))
  if (!booking) throw new Response('Not found', { status: 404 })
  // the door form says what it does: anything else posted here changes nothing
  const fields = Object.fromEntries(await request.formData())
  const refused = (error: string, existing?: { arrivedAt: Date | null; leftAt: Date | null; collectedByName: string | null }) =>
    data(
      {
        done: null,
        error,
        existing: existing ? { arrivedAt: existing.arrivedAt, leftAt: existing.leftAt, by: existing.collectedByName } : undefined,
      },
      { status: 409 },
    )
  if (fields.intent === 'pick-up') {
    const form = pickupSchema.safeParse({ ...fields, bookingId: booking.id })
    if (!form.success)
      return data({ done: null, error: form.error.issues[0]?.message ?? 'errors.badRequest', existing: undefined }, { status: 400 })
    const result = await recordPickup({
      sessionId: booking.sessionId,
      bookingId: booking.id,
      actorId: user.id,
      collector: collectorOf(form.data),
    })
    return result.ok ? { done: 'attendance.collectedDone', error: null, existing: undefined } : refused(result.error, result.existing)
  }
  const form = arrivalForm.safeParse(fields)
  if (!form.success) throw new Response('Bad request', { status: 400 })
  const result = await recordArrival({
    sessionId: booking.sessionId,
    bookingId: booking.id,
    actorId: user.id,
    override: form.data.override === 'true',
  })
  return result.ok ? { done: 'organiser.checkInDone', error: null, existing: undefined } : refused(result.error, result.existing)
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
        {booking.badgeNo !== null ? ` · ${t('matching.badge', { n: booking.badgeNo })}` : ''}
      </p>
      {booking.child?.notes ? (
        isMedicalNote(booking.child.notes) ? (
          <p className="form-error">⚠ {booking.child.notes}</p>
        ) : (
          <p className="note">{booking.child.notes}</p>
        )
      ) : null}
      <AnswersList questions={booking.questions} answers={booking.answers} />
      {actionData?.done ? (
        <p className="notice" role="status">
          {t(actionData.done, { name })}
        </p>
      ) : null}
      {actionData?.error ? (
        <p className="form-error" role="alert">
          {t(actionData.error, existingParams(actionData.existing, lang))}
        </p>
      ) : null}
      {booking.today ? <DayRecord today={{ ...booking.today, state: booking.today.status }} /> : null}
      {booking.status !== 'confirmed' ? null : !booking.today || ['absent', 'excused'].includes(booking.today.status) ? (
        <Form method="post">
          {booking.sessionDay ? null : <input type="hidden" name="override" value="true" />}
          <button type="submit" name="intent" value="check-in" className="primary big-button">
            {booking.sessionDay ? t('organiser.checkInFor', { name }) : t('organiser.checkInAnywayFor', { name })}
          </button>
        </Form>
      ) : booking.today.status === 'present' && booking.child ? (
        // the second action of a camp day: who collects the child
        <PickupForm
          bookingId={booking.id}
          attendee={name}
          guardian={booking.booker.name}
          pickups={booking.child.pickups}
          label={t('attendance.pickUpFor', { name })}
          big
        />
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
