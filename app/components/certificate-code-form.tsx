import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

/** The public check of a certificate code (GET, works without JavaScript). */
export function CertificateCodeForm({ code }: { code: string }) {
  const { t } = useTranslation()
  return (
    <Form method="get" action="/certificates">
      <p className="muted">{t('attendance.verifyIntro')}</p>
      <div className="field">
        <label htmlFor="certificate-code">{t('attendance.verifyCode')}</label>
        <input id="certificate-code" name="code" defaultValue={code} maxLength={40} autoCapitalize="characters" />
      </div>
      <button type="submit">{t('attendance.verifySubmit')}</button>
    </Form>
  )
}
