import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData, type MetaFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { SessionWhen } from '~/components/session-card'
import { useLang } from '~/components/hooks/use-lang'
import { localized } from '~/models/programme/constants'
import { answerFeedback, feedbackAnswerSchema, findFeedbackForLink } from '~/models/reminders/feedback.server'
import { pageMeta } from '~/utils/meta'
import { parseSearchParams, requireId } from '~/utils/request.server'

export const meta: MetaFunction = () =>
  pageMeta('活动反馈 Feedback', '为参加过的活动打分并留言。Rate a programme you took part in and leave a word.')

const token = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/)
const querySchema = z.object({ token, rating: z.enum(['1', '2', '3', '4', '5']).optional() })

// The feedback mail's signed link opens this page without logging in; GET changes nothing (mail
// scanners follow links, and the mail's star buttons only preselect); the POST answers, once.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const bookingId = requireId(params.bookingId)
  const query = parseSearchParams(request, querySchema)
  const asked = await findFeedbackForLink(bookingId, query.token)
  if (!asked) throw new Response('Not found / 链接无效', { status: 404 })
  return { asked, token: query.token, rating: query.rating ?? '' }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const bookingId = requireId(params.bookingId)
  const form = Object.fromEntries(await request.formData())
  const tokenOk = token.safeParse(form.token)
  if (!tokenOk.success) return data({ error: 'feedback.linkInvalid', values: { rating: '', comment: '' } }, { status: 400 })
  const parsed = feedbackAnswerSchema.safeParse(form)
  const values = { rating: String(form.rating ?? ''), comment: String(form.comment ?? '').slice(0, 5000) }
  if (!parsed.success) return data({ error: parsed.error.issues[0]?.message ?? 'errors.invalid', values }, { status: 400 })
  const result = await answerFeedback(bookingId, tokenOk.data, parsed.data)
  if (!result.ok) return data({ error: result.error, values }, { status: result.error === 'feedback.alreadyAnswered' ? 409 : 404 })
  return { thanks: true as const }
}

export default function FeedbackPage() {
  const { t } = useTranslation()
  const lang = useLang()
  const { asked, token: signed, rating } = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>()
  const { session } = asked.booking
  const heading = (
    <>
      <h1>{localized(session.programme, 'title', lang)}</h1>
      <p>
        <SessionWhen session={session} /> · {localized(session, 'place', lang)}
      </p>
    </>
  )
  if ((answer && 'thanks' in answer) || asked.answeredAt) {
    return (
      <section className="narrow">
        {heading}
        <p className="notice" role="status">
          {answer && 'thanks' in answer ? t('feedback.thanks') : t('feedback.alreadyAnswered')}
        </p>
      </section>
    )
  }
  const values = answer && 'values' in answer ? answer.values : { rating, comment: '' }
  return (
    <section className="narrow">
      {heading}
      {answer && 'error' in answer ? (
        <p className="form-error" role="alert">
          {t(answer.error)}
        </p>
      ) : null}
      <Form method="post" className="panel">
        <input type="hidden" name="token" value={signed} />
        <fieldset>
          <legend>{t('feedback.question')}</legend>
          {[5, 4, 3, 2, 1].map((n) => (
            <label key={n} className="check">
              <input type="radio" name="rating" value={n} defaultChecked={values.rating === String(n)} required />{' '}
              <span aria-hidden="true">{'★'.repeat(n)}</span> {t(`feedback.rating.${n}`)}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="comment">{t('feedback.comment')}</label>
          <textarea id="comment" name="comment" rows={4} maxLength={1000} defaultValue={values.comment} aria-describedby="comment-hint" />
          <p className="hint" id="comment-hint">
            {t('feedback.commentHint')}
          </p>
        </div>
        <button type="submit" className="primary">
          {t('feedback.send')}
        </button>
      </Form>
    </section>
  )
}
