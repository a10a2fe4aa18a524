import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { Notice } from '~/web/flash.server'
import { formatDateTime } from '~/utils/time'
import { useLang } from '~/components/hooks/use-lang'

/** Results of a booking action, in the reader's language. */
export function Notices({ notices }: { notices?: Notice[] }) {
  const { t } = useTranslation()
  const lang = useLang()
  const region = useRef<HTMLDivElement>(null)
  // after a form (a cancellation by keyboard), focus lands on what happened, not the page top
  useEffect(() => {
    if (notices?.length) region.current?.focus()
  }, [notices])
  if (!notices?.length) return null
  return (
    <div className="notices" role="status" aria-live="polite" tabIndex={-1} ref={region}>
      {notices.map((n, i) => {
        const params: Record<string, string | number> = { ...n.params }
        if (typeof params.deadline === 'string') params.deadline = formatDateTime(new Date(params.deadline), lang)
        if (n.reason) params.reason = t(`booking.reasons.${n.reason}`)
        return (
          <p key={i} className={n.tone === 'ok' ? 'notice' : 'form-error'}>
            {t(n.key, params)}
          </p>
        )
      })}
    </div>
  )
}

/** What an action answered, already in the reader's words: a notice (status) and/or an error (alert). */
export function ActionAnswer({ notice, error }: { notice?: string | null; error?: string | null }) {
  return (
    <>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  )
}
