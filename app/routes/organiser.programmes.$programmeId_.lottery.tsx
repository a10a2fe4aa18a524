import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { sessionDates } from '~/components/lottery-panel'
import { LotteryStory, Outcome } from '~/components/lottery-story'
import { ActionAnswer } from '~/components/notices'
import { lotteryOverview } from '~/models/lottery/results.server'
import { enterPublicValueAndDraw } from '~/models/lottery/run.server'
import { publicValueSchema } from '~/models/lottery/schemas'
import { lotteryStoryOf } from '~/models/lottery/story.server'
import { localized } from '~/models/programme/constants'
import { formatDateTime } from '~/utils/time'
import { useLang } from '~/components/hooks/use-lang'
import { requireScopedProgramme } from '~/web/scope.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme } = await requireScopedProgramme(request, params.programmeId)
  const [{ lottery, ...overview }, story] = await Promise.all([lotteryOverview(programme.id), lotteryStoryOf(programme.id)])
  return {
    programme: {
      id: programme.id,
      slug: programme.slug,
      titleZh: programme.titleZh,
      titleEn: programme.titleEn,
      allocation: programme.allocation,
      drawAt: programme.drawAt,
      bookingClosesAt: programme.bookingClosesAt,
      drawSource: programme.drawSource,
      drawFallback: programme.drawFallback,
    },
    ...overview,
    story,
    frozen: Boolean(lottery),
    now: new Date(),
  }
}

/** The console's one form: the public value, once known — recorded, then drawn. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { programme, user } = await requireScopedProgramme(request, params.programmeId)
  const parsed = publicValueSchema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) return data({ error: 'errors.badRequest', notice: null, params: {} }, { status: 400 })
  const { value, from, note } = parsed.data
  const result = await enterPublicValueAndDraw(programme.id, { value, from, note }, user.id)
  if (result.ok)
    return { notice: 'lotteryAdmin.drawnNotice', error: null, params: { placed: result.placed, waitlisted: result.waitlisted } }
  return data({ error: result.error, notice: null, params: {} }, { status: 409 })
}

export default function OrganiserLottery() {
  const { t } = useTranslation()
  const lang = useLang()
  const navigation = useNavigation()
  const { programme, entries, people, perSession, story, frozen, now, results, sessions } = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>()
  const when = new Map(sessions.map((s) => [s.id, s]))
  return (
    <section>
      <p>
        <Link to={`/organiser/programmes/${programme.id}`}>← {localized(programme, 'title', lang)}</Link>
      </p>
      <h1>
        {t('lotteryAdmin.title')} · {localized(programme, 'title', lang)}
      </h1>
      <ActionAnswer notice={answer?.notice ? t(answer.notice, answer.params) : null} error={answer?.error ? t(answer.error) : null} />
      <p>
        {story.frozenAt
          ? t('lotteryAdmin.frozen', { date: formatDateTime(story.frozenAt, lang) })
          : t('lotteryAdmin.open', { date: formatDateTime(programme.bookingClosesAt, lang) })}
        {programme.drawAt ? ` · ${t('lottery.drawAtValue', { date: formatDateTime(programme.drawAt, lang) })}` : ''}
      </p>
      <p>{entries > 0 ? t('lotteryAdmin.applications', { entries, people }) : t('lotteryAdmin.noEntries')}</p>
      <ul className="list">
        {perSession.map((row) => (
          <li key={row.session.id} className="card">
            <strong>{sessionDates(row.session, lang)}</strong> · {t('lotteryAdmin.capacity', { count: row.session.capacity })}
            <p>
              {t('lotteryAdmin.firstChoiceCount', { entries: row.firstChoice, people: row.firstChoicePeople })} ·{' '}
              {t('lotteryAdmin.anyChoiceCount', { entries: row.anyChoice })}
            </p>
            {Object.keys(row.byCategory).length > 0 ? (
              <p className="muted">
                {t('lotteryAdmin.byCategory', {
                  list: Object.entries(row.byCategory)
                    .map(([category, n]) => `${category === '—' ? '—' : t(`gender.${category}`)} ${n}`)
                    .join(' · '),
                })}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      {programme.allocation === 'lottery' && !programme.drawSource.trim() ? (
        <p className="notice">{t('lotteryAdmin.needsSource')}</p>
      ) : null}
      {frozen && !story.drawnAt && story.publicValue ? (
        <p className="notice">{t('lotteryAdmin.valueRecorded', { value: story.publicValue })}</p>
      ) : null}
      {frozen && !story.publicValue && programme.drawAt && now < programme.drawAt ? (
        <p className="notice">{t('lotteryAdmin.valueWaiting', { date: formatDateTime(programme.drawAt, lang) })}</p>
      ) : null}
      {frozen && !story.publicValue && programme.drawAt && now >= programme.drawAt ? (
        <Form method="post" className="panel stack">
          <h2>{t('lotteryAdmin.valueTitle')}</h2>
          <p className="muted">{t('lotteryAdmin.valueHint')}</p>
          <input type="hidden" name="intent" value="public-value" />
          <fieldset>
            <legend>{t('lotteryAdmin.valueFrom')}</legend>
            <label className="check">
              <input type="radio" name="from" value="primary" defaultChecked />{' '}
              {t('lotteryAdmin.valueFromPrimary', { source: programme.drawSource })}
            </label>
            <label className="check">
              <input type="radio" name="from" value="fallback" /> {t('lotteryAdmin.valueFromFallback', { source: programme.drawFallback })}
            </label>
          </fieldset>
          <label className="field">
            <span>{t('lotteryAdmin.valueLabel')}</span>
            <input name="value" required maxLength={200} autoComplete="off" />
          </label>
          <label className="field">
            <span>{t('lotteryAdmin.valueNote')}</span>
            <input name="note" maxLength={300} autoComplete="off" />
          </label>
          <button type="submit" className="primary" disabled={navigation.state === 'submitting'}>
            {t('lotteryAdmin.valueSubmit')}
          </button>
        </Form>
      ) : null}
      <LotteryStory story={story} />
      {results.length > 0 ? (
        <>
          <p>
            <a href={`/organiser/programmes/${programme.id}/lottery.csv`} download>
              {t('lotteryAdmin.export')}
            </a>
          </p>
          <ol className="results">
            {results.map((r) => {
              const session = r.sessionId ? when.get(r.sessionId) : undefined
              return (
                <li key={r.id}>
                  <span className="order">{r.order}</span>
                  <span>
                    {r.applicant} · <code>{r.id}</code> <small className="muted">{t(`lotteryAdmin.tier.${r.tier}`)}</small>
                    <br />
                    {r.names.join('、')}
                  </span>
                  <span className={r.outcome === 'placed' ? 'availability-open' : 'muted'}>
                    <Outcome result={r} sessionId={r.sessionId} label={() => (session ? sessionDates(session, lang) : '—')} />
                  </span>
                </li>
              )
            })}
          </ol>
        </>
      ) : null}
    </section>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
