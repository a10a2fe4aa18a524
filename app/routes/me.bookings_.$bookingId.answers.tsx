import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useLang } from '~/components/hooks/use-lang'
import { ActionAnswer } from '~/components/notices'
import { QuestionFields } from '~/components/question-fields'
import { localized } from '~/models/programme/constants'
import { changeAnswers, myBookingAnswers, typedFields } from '~/models/questions/answers.server'
import { pageMeta } from '~/utils/meta'
import { requireId } from '~/utils/request.server'
import { formatDateTime } from '~/utils/time'
import { requireUser } from '~/web/auth.server'

export const meta: MetaFunction = () => pageMeta('报名信息 Registration details')

// A member's answers to the programme's questions for one booking: seen, and changed until the
// booking window closes (the same reading as the booking form, conditions resolved on the server).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const found = await myBookingAnswers(user.id, requireId(params.bookingId))
  if (!found) throw new Response('Not found', { status: 404 })
  return { ...found, open: new Date() <= found.programme.bookingClosesAt }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const formData = await request.formData()
  // the page's one form says what it does: anything else posted here changes nothing
  if (formData.get('intent') !== 'change-answers')
    return data({ notice: null, error: 'errors.badRequest', errors: {}, values: {} }, { status: 400 })
  const result = await changeAnswers({
    userId: user.id,
    bookingId: requireId(params.bookingId),
    valuesOf: (field) => formData.getAll(field).map(String),
  })
  if (result.ok) return { notice: 'questions.changed', errors: {}, values: null }
  return data(
    { notice: null, error: result.error, errors: result.errors ?? {}, values: typedFields(formData) },
    { status: result.error === 'booking.notFound' ? 404 : 400 },
  )
}

export default function BookingAnswers() {
  const { t } = useTranslation()
  const lang = useLang()
  const { bookingId, name, programme, token, questions, values, open } = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>() as
    { notice: string | null; error?: string; errors: Record<string, string>; values: Record<string, string[]> | null } | undefined
  const state = { values: answer?.values ?? values, errors: answer?.errors ?? {}, reusable: [] }
  const forBooking = questions.filter((q) => q.scope === 'booking')
  const forAttendee = questions.filter((q) => q.scope === 'attendee')
  return (
    <section className="narrow">
      <p>
        <Link to="/me/bookings">← {t('me.bookingsTitle')}</Link>
      </p>
      <h1>{t('questions.answersTitle')}</h1>
      <p className="lead">
        {localized(programme, 'title', lang)} · {name}
      </p>
      <ActionAnswer notice={answer?.notice ? t(answer.notice) : null} error={answer?.error ? t(answer.error) : null} />
      {open ? (
        <p className="hint">{t('questions.changeHint', { date: formatDateTime(new Date(programme.bookingClosesAt), lang) })}</p>
      ) : (
        <p>{t('questions.tooLate')}</p>
      )}
      <Form method="post" key={bookingId}>
        <fieldset disabled={!open}>
          {forAttendee.length ? (
            <fieldset className="questions">
              <legend>{t('questions.forChild', { name })}</legend>
              <QuestionFields questions={forAttendee} attendee={token} state={state} all={questions} />
            </fieldset>
          ) : null}
          {forBooking.length ? (
            <fieldset className="questions">
              <legend>{t('questions.forBooking')}</legend>
              <QuestionFields questions={forBooking} attendee="*" state={state} all={questions} />
            </fieldset>
          ) : null}
          <button type="submit" name="intent" value="change-answers" className="primary">
            {t('questions.change')}
          </button>
        </fieldset>
      </Form>
    </section>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
