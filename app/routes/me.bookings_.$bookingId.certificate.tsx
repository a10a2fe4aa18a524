import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { formatCertificateCode } from '~/models/attendance/constants'
import { certificateFor } from '~/models/attendance/days.server'
import { localized } from '~/models/programme/constants'
import { requireUser } from '~/web/auth.server'
import { requireId } from '~/utils/request.server'
import { appUrl } from '~/utils/signed-link.server'
import { formatDate, formatDay } from '~/utils/time'
import { useLang } from '~/components/hooks/use-lang'
import { pageMeta } from '~/utils/meta'

export const meta: MetaFunction = () => pageMeta('结业证书 Certificate')

// A completer's certificate: printable on A4 (print CSS), readable on a phone, both languages.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const found = await certificateFor({ bookingId: requireId(params.bookingId), userId: user.id })
  if (!found) throw new Response('Not found', { status: 404 })
  if (!found.ok) throw new Response('Not completed', { status: 404 })
  return { ...found, checkUrl: appUrl(`/certificates/${found.certificate.code}`) }
}

export default function CertificatePage() {
  const { t } = useTranslation()
  const lang = useLang()
  const { certificate, booking, checkUrl } = useLoaderData<typeof loader>()
  return (
    <section className="certificate">
      <p className="no-print">
        <Link to="/me/bookings">← {t('nav.myBookings')}</Link>
      </p>
      <h1>{t('attendance.certificateTitle')}</h1>
      <p className="lead">
        {t('attendance.certificateBody', {
          name: booking.name,
          programme: localized(booking.programme, 'title', lang),
          from: formatDay(booking.firstDay, lang),
          to: formatDay(booking.lastDay, lang),
          attended: certificate.attended,
          meetings: certificate.meetings,
        })}
      </p>
      <p>{t('attendance.certificateIssuer', { department: localized(booking.programme.department, 'name', lang) })}</p>
      <p>{formatDate(new Date(certificate.issuedAt), lang)}</p>
      <p>
        <strong>{t('attendance.certificateCode', { code: formatCertificateCode(certificate.code) })}</strong>
      </p>
      <p className="muted">{t('attendance.certificateCheck', { url: checkUrl })}</p>
    </section>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
