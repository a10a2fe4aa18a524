import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { CertificateCodeForm } from '~/components/certificate-code-form'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { formatCertificateCode } from '~/models/attendance/constants'
import { verifyCertificate } from '~/models/attendance/days.server'
import { localized } from '~/models/programme/constants'
import { formatDay } from '~/utils/time'
import { useLang } from '~/components/hooks/use-lang'
import { pageMeta } from '~/utils/meta'

export const meta: MetaFunction = () => pageMeta('证书核验 Check a certificate', '结业证书核验结果。A course certificate, checked.')

const codeParam = z
  .string()
  .trim()
  .max(40)
  .regex(/^[0-9A-Za-z-\s]*$/)

// Public: anyone (an employer) checks a code. A masked name, the course, its dates and issuer —
// nothing else; an unknown code says only that it is unknown (404).
export async function loader({ params }: LoaderFunctionArgs) {
  const code = codeParam.safeParse(params.code)
  const found = code.success && code.data ? await verifyCertificate(code.data) : null
  return data({ found, code: code.success ? code.data : '' }, { status: found ? 200 : 404, headers: { 'Cache-Control': 'no-store' } })
}

export default function CertificateCheck() {
  const { t } = useTranslation()
  const lang = useLang()
  const { found, code } = useLoaderData<typeof loader>()
  return (
    <section className="narrow">
      <h1>{t('attendance.verifyTitle')}</h1>
      {found ? (
        <p className="notice" role="status">
          {t('attendance.verifyValid', {
            name: found.maskedName,
            programme: localized(found.programme, 'title', lang),
            from: formatDay(found.firstDay, lang),
            to: formatDay(found.lastDay, lang),
            attended: found.attended,
            meetings: found.meetings,
            department: localized(found.programme.department, 'name', lang),
          })}{' '}
          ({formatCertificateCode(found.code)})
        </p>
      ) : (
        <p className="form-error" role="alert">
          {t('attendance.verifyUnknown')}
        </p>
      )}
      <CertificateCodeForm code={code} />
    </section>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
