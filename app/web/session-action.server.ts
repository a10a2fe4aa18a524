import { z, type ZodTypeAny } from 'zod'
import { parseForm } from '~/web/parse-form'
import { data } from '@remix-run/node'
import { rescheduleSession } from '~/models/programme/reschedule-session.server'
import type { SignedInUser } from '~/web/auth.server'
import { cuidId } from '~/utils/validation'
import { cancelSession } from '~/models/organiser/cancel-session.server'
import { messageAttendees, promoteBooking, removeBooking, resendInvite } from '~/models/organiser/roster-actions.server'
import { markAbsences } from '~/models/attendance/absences.server'
import { recordArrival, recordPickup, undoArrival } from '~/models/attendance/register.server'
import {
  arrivalSchema,
  capacitySchema,
  collectorOf,
  messageSchema,
  pickupSchema,
  quotasSchema,
  reasonSchema,
  rescheduleSchema,
} from '~/models/organiser/schemas'
import { shanghaiDay } from '~/utils/time'
import { settleDoorRecord } from '~/models/organiser/door.server'
import { changeCapacity, changeQuotas } from '~/models/booking/capacity.server'
import { reply } from '~/web/form-reply.server'

type Reply = {
  notice?: string
  error?: string
  count?: number
  name?: string
  existing?: { arrivedAt: Date | null; leftAt: Date | null; by: string | null }
}
const ok = (notice: string, count?: number, name?: string) => data<Reply>({ notice, count, name })
const refuse = (error: string, status = 409, existing?: Reply['existing']) => data<Reply>({ error, existing }, { status })
/** A record refused because one is there: say what it says (another door was quicker). */
const refuseRecord = (result: {
  error: string
  existing?: { arrivedAt: Date | null; leftAt: Date | null; collectedByName: string | null }
}) =>
  refuse(
    result.error,
    409,
    result.existing
      ? { arrivedAt: result.existing.arrivedAt, leftAt: result.existing.leftAt, by: result.existing.collectedByName }
      : undefined,
  )

/** Every form on an organiser's session page: validate, then one use case each. */
export async function handleSessionAction(formData: FormData, sessionId: string, user: SignedInUser) {
  const intent = formData.get('intent')
  const booking = cuidId.safeParse(formData.get('bookingId'))
  const bookingId = booking.success ? booking.data : null
  const parse = <S extends ZodTypeAny>(schema: S) => parseForm(formData, schema)
  switch (intent) {
    case 'check-in': {
      const form = arrivalSchema.safeParse(Object.fromEntries(formData))
      if (!form.success) return refuse('errors.badRequest', 400)
      const result = await recordArrival({
        sessionId,
        bookingId: form.data.bookingId,
        actorId: user.id,
        day: form.data.day,
        override: form.data.override === 'true',
      })
      // say who: at a busy door "done" does not tell the organiser which child it was
      return result.ok ? ok('organiser.checkInDone', undefined, result.name) : refuseRecord(result)
    }
    case 'undo-check-in': {
      const form = arrivalSchema.safeParse(Object.fromEntries(formData))
      if (!form.success) return refuse('errors.badRequest', 400)
      const undone = await undoArrival({
        sessionId,
        bookingId: form.data.bookingId,
        actorId: user.id,
        day: form.data.day ?? shanghaiDay(new Date()),
      })
      return undone ? ok('organiser.done') : refuse('booking.notActive')
    }
    case 'pick-up': {
      const form = pickupSchema.safeParse(Object.fromEntries(formData))
      if (!form.success) return refuse(form.error.issues[0]?.message ?? 'errors.badRequest', 400)
      const result = await recordPickup({
        sessionId,
        bookingId: form.data.bookingId,
        actorId: user.id,
        day: form.data.day,
        collector: collectorOf(form.data),
      })
      return result.ok ? ok('attendance.collectedDone', undefined, result.name) : refuseRecord(result)
    }
    case 'settle-door': {
      const record = z.string().uuid().safeParse(formData.get('recordId'))
      if (!record.success) return refuse('errors.badRequest', 400)
      const settled = await settleDoorRecord({ sessionId, recordId: record.data, actorId: user.id })
      return settled ? ok('door.settled') : refuse('errors.notFound', 404)
    }
    case 'promote': {
      if (!bookingId) return refuse('errors.badRequest', 400)
      const result = await promoteBooking(sessionId, bookingId, user.id)
      return result.ok ? ok('organiser.done') : refuse(result.error)
    }
    case 'resend':
      return bookingId && (await resendInvite(sessionId, bookingId, user.id)) ? ok('organiser.done') : refuse('booking.notActive')
    case 'remove': {
      const reason = parse(reasonSchema)
      if (!bookingId || reason.status !== 'success') return refuse('errors.formHasErrors', 400)
      return (await removeBooking(sessionId, bookingId, reason.value.reason, user.id)) ? ok('organiser.done') : refuse('booking.notActive')
    }
    case 'no-shows': {
      // the absence job, now: every day over without a record is absent (idempotent)
      const { marked } = await markAbsences()
      return ok('attendance.absencesMarked', marked)
    }
    case 'capacity': {
      const submission = parse(capacitySchema)
      if (submission.status !== 'success') return refuse('errors.numberRange', 400)
      const result = await changeCapacity(sessionId, submission.value.capacity, user.id)
      return result.ok ? ok('organiser.done') : refuse(result.error)
    }
    case 'quotas': {
      const submission = parse(quotasSchema)
      if (submission.status !== 'success') return refuse('errors.numberRange', 400)
      const result = await changeQuotas(sessionId, { female: submission.value.femaleQuota, male: submission.value.maleQuota }, user.id)
      return result.ok ? ok('organiser.done') : refuse(result.error)
    }
    case 'reschedule': {
      const submission = parse(rescheduleSchema)
      if (submission.status !== 'success') return refuse(Object.values(reply(submission).error ?? {}).flat()[0] ?? 'errors.invalid', 400)
      if (submission.value.startsAt <= new Date()) return refuse('errors.inThePast', 400)
      return ok('organiser.done', await rescheduleSession(sessionId, submission.value, user.id))
    }
    case 'cancel-session': {
      const submission = parse(reasonSchema)
      if (submission.status !== 'success') return refuse('errors.required', 400)
      await cancelSession(sessionId, submission.value.reason, user.id)
      return ok('organiser.cancelled')
    }
    case 'message': {
      const submission = parse(messageSchema)
      if (submission.status !== 'success') return refuse('errors.formHasErrors', 400)
      return ok('organiser.messaged', await messageAttendees(sessionId, submission.value, user.id))
    }
    default:
      return refuse('errors.badRequest', 400)
  }
}
