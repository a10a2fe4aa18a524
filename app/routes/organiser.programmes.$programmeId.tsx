import { parseForm } from '~/web/parse-form'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ProgrammeForm } from '~/components/organiser/programme-form'
import { BookingsChart } from '~/components/organiser/bookings-chart'
import { ReasonForm } from '~/components/organiser/reason-form'
import { AddSessionForms, type FormFeedback } from '~/components/organiser/session-forms'
import { SessionWhen } from '~/components/session-card'
import { attendance, bookingsOverTime, listProgrammeSessions, programmeHistory } from '~/models/organiser/dashboard.server'
import { setProgrammeStatus, updateProgramme } from '~/models/organiser/manage-programme.server'
import { programmeSchema, reasonSchema, singleSessionSchema, slotsSchema, termSchema } from '~/models/organiser/schemas'
import { requireScopedProgramme } from '~/web/scope.server'
import { addSession, addSlots, addTerm, previewSlots } from '~/models/organiser/sessions.server'
import { localized } from '~/models/programme/constants'
import { formatDate, formatDateTime } from '~/utils/time'
import { useLang } from '~/components/hooks/use-lang'
import { reply } from '~/web/form-reply.server'
import { ActionAnswer } from '~/components/notices'
import { RemindersForm } from '~/components/organiser/reminders-form'
import { rulesOf } from '~/models/reminders/rules'
import { remindersFormSchema, rulesFromForm } from '~/models/reminders/schemas'
import { setReminders } from '~/models/reminders/settings.server'
import { feedbackOfProgramme } from '~/models/reminders/feedback.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme } = await requireScopedProgramme(request, params.programmeId)
  const [sessions, history, rates, chart, feedback] = await Promise.all([
    listProgrammeSessions(programme.id),
    programmeHistory(programme.id),
    attendance(programme.id),
    bookingsOverTime(programme.id),
    feedbackOfProgramme(programme.id),
  ])
  return { programme, sessions, history, rates, chart, feedback, rules: rulesOf(programme) }
}

const feedback = (form: string, formData: FormData, extra: Partial<FormFeedback>, status = 400) =>
  data(
    { feedback: { form, values: Object.fromEntries([...formData].map(([k, v]) => [k, String(v)])), ...extra } as FormFeedback },
    { status },
  )

// sessions added, or the model's refusal shown on the form that asked
const added = (form: string, formData: FormData, result: { ok: true; count: number } | { ok: false; error: string }) =>
  result.ok ? { notice: 'organiser.added', count: result.count } : feedback(form, formData, { errors: { '': [result.error] } }, 409)

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, programme } = await requireScopedProgramme(request, params.programmeId)
  const formData = await request.formData()
  const intent = formData.get('intent')
  switch (intent) {
    case 'save': {
      const submission = parseForm(formData, programmeSchema)
      if (submission.status !== 'success') return data({ programmeResult: reply(submission) }, { status: 400 })
      const result = await updateProgramme(programme.id, submission.value, user.id)
      if (!result.ok)
        return data({ programmeResult: reply(submission, { fieldErrors: { [result.field]: [result.error] } }) }, { status: 409 })
      return { programmeResult: reply(submission), notice: 'organiser.saved' }
    }
    case 'reminders': {
      const submission = parseForm(formData, remindersFormSchema)
      if (submission.status !== 'success') return data({ remindersResult: reply(submission) }, { status: 400 })
      await setReminders(programme.id, { ...submission.value, rules: rulesFromForm(submission.value) }, user.id)
      // saved: the form shows the rules as stored (the loader's), not the submitted rows
      return { notice: 'organiser.saved' }
    }
    case 'publish':
    case 'unpublish':
      await setProgrammeStatus(programme.id, intent === 'publish' ? 'published' : 'draft', user.id)
      return { notice: 'organiser.done' }
    case 'cancel-programme': {
      const submission = parseForm(formData, reasonSchema)
      if (submission.status !== 'success') return feedback('cancel', formData, { errors: reply(submission).error })
      await setProgrammeStatus(programme.id, 'cancelled', user.id, submission.value.reason)
      return { notice: 'organiser.done' }
    }
    case 'add-session': {
      const submission = parseForm(formData, singleSessionSchema)
      if (submission.status !== 'success') return feedback('session', formData, { errors: reply(submission).error })
      return added('session', formData, await addSession(programme.id, submission.value, user.id))
    }
    case 'add-term': {
      const submission = parseForm(formData, termSchema)
      if (submission.status !== 'success') return feedback('term', formData, { errors: reply(submission).error })
      return added('term', formData, await addTerm(programme.id, submission.value, user.id))
    }
    case 'preview-slots':
    case 'add-slots': {
      const submission = parseForm(formData, slotsSchema)
      if (submission.status !== 'success') return feedback('slots', formData, { errors: reply(submission).error })
      if (intent === 'preview-slots') return feedback('slots', formData, { preview: previewSlots(submission.value) }, 200)
      return added('slots', formData, await addSlots(programme.id, submission.value, user.id))
    }
    default:
      return data({ notice: 'errors.badRequest' }, { status: 400 })
  }
}

export default function ProgrammeAdmin() {
  const { t } = useTranslation()
  const lang = useLang()
  const { programme, sessions, history, rates, chart, feedback, rules } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as
    { notice?: string; count?: number; feedback?: FormFeedback; programmeResult?: never; remindersResult?: never } | undefined
  const firstPlace = sessions[0]
  return (
    <section>
      <p>
        <Link to="/organiser">← {t('organiser.dashboard')}</Link>
      </p>
      <h1>{localized(programme, 'title', lang)}</h1>
      <p>
        <span className="status">{t(`organiser.status.${programme.status}`)}</span>{' '}
        {programme.status === 'published' ? <Link to={`/programmes/${programme.slug}`}>/programmes/{programme.slug}</Link> : null}
        {programme.allocation === 'lottery' ? (
          <>
            {' · '}
            <Link to={`/organiser/programmes/${programme.id}/lottery`}>{t('lotteryAdmin.title')}</Link>
          </>
        ) : null}
        {' · '}
        <Link to={`/organiser/programmes/${programme.id}/questions`}>{t('questions.link')}</Link>
      </p>
      <ActionAnswer notice={actionData?.notice ? t(actionData.notice, { count: actionData.count }) : null} />
      {programme.status !== 'cancelled' ? (
        <Form method="post" className="inline-form">
          {programme.status === 'published' ? (
            <button type="submit" name="intent" value="unpublish">
              {t('organiser.unpublish')}
            </button>
          ) : (
            <button type="submit" name="intent" value="publish" className="primary">
              {t('organiser.publish')}
            </button>
          )}
        </Form>
      ) : null}

      <h2>{t('organiser.sessions')}</h2>
      <ul className="list">
        {sessions.map((s) => (
          <li key={s.id} className="list-item">
            <div>
              <SessionWhen session={s} />
              <p className="muted">
                {localized(s, 'place', lang)} ·{' '}
                {t('organiser.fill', {
                  taken: s.seatsTaken,
                  capacity: s.capacity,
                  rate: s.capacity ? Math.round((100 * s.seatsTaken) / s.capacity) : 0,
                })}
                {s.status === 'cancelled' ? ` · ${t('organiser.cancelled')}` : ''}
              </p>
            </div>
            <Link to={`/organiser/sessions/${s.id}`} className="button">
              {t('organiser.roster')}
            </Link>
          </li>
        ))}
      </ul>
      {programme.status !== 'cancelled' ? (
        <AddSessionForms
          feedback={actionData?.feedback}
          place={firstPlace ? { placeZh: firstPlace.placeZh, placeEn: firstPlace.placeEn } : undefined}
        />
      ) : null}

      <h2 id="reminder-settings">{t('reminders.form.title')}</h2>
      <RemindersForm
        rules={rules}
        usesDefaults={programme.reminderRules === null}
        prepareZh={programme.prepareZh}
        prepareEn={programme.prepareEn}
        lastResult={actionData?.remindersResult}
      />
      {feedback.overall.asked > 0 ? <FeedbackSummary feedback={feedback} /> : null}

      <h2>{t('organiser.editProgramme')}</h2>
      <ProgrammeForm programme={programme} lastResult={actionData?.programmeResult} />

      {chart.length > 0 ? (
        <>
          <h2>{t('organiser.bookingsOverTime')}</h2>
          <BookingsChart data={chart} />
        </>
      ) : null}
      {rates.length > 0 ? (
        <>
          <h2>{t('organiser.attendance')}</h2>
          <ul className="list">
            {rates.map((r) => (
              <li key={r.id}>
                {t('organiser.attendanceRow', {
                  date: formatDate(r.startsAt, lang),
                  present: r.present,
                  confirmed: r.confirmed,
                  rate: r.rate,
                })}
                <div className="meter" aria-hidden="true">
                  <span style={{ width: `${r.rate}%` }} />
                </div>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {programme.status !== 'cancelled' ? (
        <ReasonForm
          className="panel-form"
          title={t('organiser.cancelProgramme')}
          reasonLabel={t('organiser.reason')}
          intent="cancel-programme"
        />
      ) : null}

      <h2>{t('organiser.history')}</h2>
      <ul className="list">
        {history.map((h) => (
          <li key={h.id} className="list-item">
            <span>
              {formatDateTime(h.createdAt, lang)} · {h.actor?.name ?? '—'} · <code>{h.action}</code>
            </span>
          </li>
        ))}
      </ul>
    </section>
  )
}

function FeedbackSummary({ feedback }: { feedback: Awaited<ReturnType<typeof feedbackOfProgramme>> }) {
  const { t } = useTranslation()
  const lang = useLang()
  const line = (s: { asked: number; answered: number; average: number | null }) =>
    t('reminders.feedback.summary', { asked: s.asked, answered: s.answered, average: s.average ?? '—' })
  return (
    <>
      <h2 id="feedback">{t('reminders.feedback.title')}</h2>
      <p>{line(feedback.overall)}</p>
      <ul className="list">
        {feedback.sessions.map((s) => (
          <li key={s.session.id} className="list-item">
            <div>
              <SessionWhen session={s.session} />
              <p className="muted">{line(s)}</p>
              {s.comments.length > 0 ? (
                <ul>
                  {s.comments.map((c, i) => (
                    <li key={i}>
                      {'★'.repeat(c.rating)} {c.comment} <span className="muted">· {formatDate(new Date(c.answeredAt), lang)}</span>
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
