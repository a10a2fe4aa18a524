import { MAIL_STATUSES } from '~/models/outbox/constants'
import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { outboxOverview } from '~/models/mail/outbox-admin.server'
import { requireAdmin } from '~/web/auth.server'
import { formatDateTime } from '~/utils/time'
import { useLang } from '~/components/hooks/use-lang'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request)
  return outboxOverview()
}

export default function OutboxPage() {
  const { t } = useTranslation()
  const lang = useLang()
  const { counts, problems } = useLoaderData<typeof loader>()
  return (
    <section>
      <h1>{t('admin.outboxTitle')}</h1>
      <p>{MAIL_STATUSES.map((s) => `${t(`admin.outboxStatus.${s}`)}: ${counts[s] ?? 0}`).join(' · ')}</p>
      {problems.length === 0 ? <p>{t('me.none')}</p> : null}
      <ul className="list">
        {problems.map((m) => (
          <li key={m.id} className="list-item" data-status={m.status}>
            <div>
              <strong>{m.kind}</strong> → {m.toEmail} · {t(`admin.outboxStatus.${m.status}`)} · {t('admin.attempts', { count: m.attempts })}
              {m.status !== 'failed' ? ` · ${t('admin.nextAttempt', { at: formatDateTime(m.nextAttemptAt, lang) })}` : ''}
              {m.lastError ? <pre className="mail-text">{m.lastError}</pre> : null}
            </div>
          </li>
        ))}
      </ul>
    </section>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
