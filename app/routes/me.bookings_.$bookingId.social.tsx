import { parseForm } from '~/web/parse-form'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ActionAnswer } from '~/components/notices'
import { saveChoices, saveConsent } from '~/models/matching/entry.server'
import { participantActionSchema } from '~/models/matching/schemas'
import { participantView } from '~/models/matching/view.server'
import { localized } from '~/models/programme/constants'
import { getEnv } from '~/utils/env.server'
import { requireId } from '~/utils/request.server'
import { formatDateTime } from '~/utils/time'
import { useLang } from '~/components/hooks/use-lang'
import { requireUser } from '~/web/auth.server'
import { pageMeta } from '~/utils/meta'

export const meta: MetaFunction = () => pageMeta('互选 Mutual choice')

// A participant's mutual-choice round (互选) at a youth social: what a match may see of them,
// their choice while the round is open, their mutual matches once it has closed.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const view = await participantView(user.id, requireId(params.bookingId))
  if (!view) throw new Response('Not found', { status: 404 })
  return { ...view, retainDays: getEnv().RETAIN_CHOICES_DAYS }
}

type Answer = { done?: string; error?: string; params?: Record<string, string | number> }

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const bookingId = requireId(params.bookingId)
  const submission = parseForm(await request.formData(), participantActionSchema)
  if (submission.status !== 'success') {
    const message =
      Object.values(submission.error ?? {})
        .flat()
        .find(Boolean) ?? 'errors.badRequest'
    return data<Answer>({ error: message.startsWith('matching.') ? message : 'errors.badRequest' }, { status: 400 })
  }
  const form = submission.value
  const result =
    form.intent === 'consent'
      ? await saveConsent({ userId: user.id, bookingId, displayName: form.displayName, share: form.share, wechat: form.wechat })
      : await saveChoices({ userId: user.id, bookingId, badges: form.badge })
  if (!result.ok && result.error === 'matching.errors.notYours') throw new Response('Not found', { status: 404 })
  if (!result.ok) return data<Answer>({ error: result.error, params: result.params }, { status: 409 })
  return data<Answer>({ done: form.intent === 'consent' ? 'matching.consentSaved' : 'matching.saved' })
}

export default function SocialPage() {
  const { t } = useTranslation()
  const lang = useLang()
  const navigation = useNavigation()
  const view = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>()
  const { booking, session, entry, round, max } = view
  const canChoose = round?.status === 'open' && view.arrived && booking.status === 'confirmed'
  const contactOf = (share: string, contact: string | null) =>
    share === 'phone'
      ? t('matching.contactPhone', { contact })
      : share === 'wechat'
        ? t('matching.contactWechat', { contact })
        : t('matching.contactNone')
  return (
    <section className="narrow">
      <p>
        <Link to="/me/bookings">← {t('nav.myBookings')}</Link>
      </p>
      <h1>{t('matching.title')}</h1>
      <p>
        <strong>{localized(session.programme, 'title', lang)}</strong> · {formatDateTime(session.startsAt, lang)} ·{' '}
        {localized(session, 'place', lang)}
      </p>
      <p className="badge-no">{booking.badgeNo !== null ? t('matching.badge', { n: booking.badgeNo }) : t('matching.badgePending')}</p>
      <ActionAnswer notice={answer?.done ? t(answer.done) : null} error={answer?.error ? t(answer.error, answer.params) : null} />
      {round?.status === 'closed' ? (
        <section aria-labelledby="matches-title" className="panel">
          <h2 id="matches-title">{t('matching.closedTitle')}</h2>
          {round.purged || view.matches === null ? (
            <p>{t('matching.purged')}</p>
          ) : view.matches.length === 0 ? (
            <p>{t('matching.noMatch')}</p>
          ) : (
            <>
              <p>{t('matching.matchesIntro')}</p>
              <ul className="list">
                {view.matches.map((m) => (
                  <li key={m.badge} className="card">
                    <strong>{t('matching.match', { badge: m.badge, name: m.name })}</strong> · {contactOf(m.share, m.contact)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      ) : (
        <>
          <p>{t('matching.intro', { max })}</p>
          <p className="muted">{t('matching.deleted', { days: view.retainDays })}</p>
          <Form method="post" className="panel stack">
            <input type="hidden" name="intent" value="consent" />
            <h2>{t('matching.consentTitle')}</h2>
            <label className="field">
              <span>{t('matching.displayName')}</span>
              <input name="displayName" required maxLength={20} defaultValue={entry?.name ?? view.suggestedName} autoComplete="off" />
            </label>
            <fieldset>
              <legend>{t('matching.shareLegend')}</legend>
              <label className="check">
                <input type="radio" name="share" value="none" defaultChecked={!entry || entry.share === 'none'} /> {t('matching.shareNone')}
              </label>
              <label className="check">
                <input type="radio" name="share" value="phone" disabled={!view.phone} defaultChecked={entry?.share === 'phone'} />{' '}
                {view.phone ? t('matching.sharePhone', { phone: view.phone }) : t('matching.sharePhoneMissing')}
              </label>
              <label className="check">
                <input type="radio" name="share" value="wechat" defaultChecked={entry?.share === 'wechat'} /> {t('matching.shareWechat')}
              </label>
            </fieldset>
            <label className="field">
              <span>{t('matching.wechat')}</span>
              <input
                name="wechat"
                maxLength={40}
                defaultValue={entry?.share === 'wechat' ? (entry.contact ?? '') : ''}
                autoComplete="off"
              />
            </label>
            <button type="submit" className="secondary" disabled={navigation.state === 'submitting'}>
              {t('matching.saveConsent')}
            </button>
            {entry ? (
              <p className="muted">
                {t('matching.yourShare', {
                  name: entry.name,
                  contact: entry.share === 'none' ? '' : ` · ${contactOf(entry.share, entry.contact)}`,
                })}
              </p>
            ) : null}
          </Form>
          {!round ? (
            <p className="notice">{t('matching.notOpen')}</p>
          ) : !view.arrived ? (
            <p className="notice">{t('matching.notArrived')}</p>
          ) : null}
          {canChoose ? (
            <Form method="post" className="panel stack">
              <input type="hidden" name="intent" value="choose" />
              <h2>{t('matching.chooseTitle')}</h2>
              <p className="muted">{t('matching.chooseHint', { max })}</p>
              {Array.from({ length: max }, (_, i) => (
                <label key={i} className="field">
                  <span>{t('matching.choiceN', { n: i + 1 })}</span>
                  <input
                    name="badge"
                    inputMode="numeric"
                    pattern="\d*"
                    maxLength={5}
                    defaultValue={entry?.choices[i] ?? ''}
                    autoComplete="off"
                  />
                </label>
              ))}
              <button type="submit" className="primary" disabled={navigation.state === 'submitting'}>
                {t('matching.choose')}
              </button>
              <p className="muted">
                {entry && entry.choices.length > 0
                  ? t('matching.chosen', { list: entry.choices.join(lang === 'en' ? ', ' : '、') })
                  : t('matching.chosenNone')}
              </p>
            </Form>
          ) : null}
        </>
      )}
    </section>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
