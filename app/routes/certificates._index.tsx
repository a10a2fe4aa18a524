import { redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { normaliseCertificateCode } from '~/models/attendance/days.server'
import { parseSearchParams } from '~/utils/request.server'
import { CertificateCodeForm } from '~/components/certificate-code-form'
import { pageMeta } from '~/utils/meta'

export const meta: MetaFunction = () =>
  pageMeta('证书核验 Check a certificate', '输入证书编号，核验结业证书的真实性。Check a course certificate by its code.')

const query = z.object({
  code: z
    .string()
    .trim()
    .max(40)
    .regex(/^[0-9A-Za-z-\s]*$/)
    .optional(),
})

// The code typed into the form (works without JavaScript): to the code's own page.
export async function loader({ request }: LoaderFunctionArgs) {
  const { code } = parseSearchParams(request, query)
  if (code) throw redirect(`/certificates/${normaliseCertificateCode(code)}`)
  return null
}

export default function CertificateIndex() {
  const { t } = useTranslation()
  return (
    <section className="narrow">
      <h1>{t('attendance.verifyTitle')}</h1>
      <CertificateCodeForm code="" />
    </section>
  )
}
