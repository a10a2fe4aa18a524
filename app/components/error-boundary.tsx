import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

/** One error page for every route: 400/403/404/503 get their own words, the rest a 500. */
export function GeneralErrorBoundary() {
  const error = useRouteError()
  const { t } = useTranslation()
  const status = isRouteErrorResponse(error) ? error.status : 500
  const [title, body] =
    status === 404
      ? [t('errors.notFoundTitle'), t('errors.notFound')]
      : status === 403
        ? [t('errors.forbiddenTitle'), t('errors.forbidden')]
        : status === 400
          ? [t('errors.badRequest'), isRouteErrorResponse(error) ? String(error.data) : '']
          : status === 503
            ? [t('errors.busyTitle'), t('errors.busy')]
            : [t('errors.serverTitle'), t('errors.server')]
  if (status >= 500 && status !== 503 && typeof document !== 'undefined') console.error(error)
  return (
    <section className="error-page">
      <h1>{title}</h1>
      <p>{body}</p>
      <p>
        <Link to="/">{t('errors.backHome')}</Link>
      </p>
    </section>
  )
}
