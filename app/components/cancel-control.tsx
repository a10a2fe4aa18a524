import { Link, useFetcher, useLocation } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { CancelQuestion, type SerializedDescription } from './cancel-question'

/**
 * "Cancel" that asks once. Without JavaScript it is a link to the confirmation page; with
 * it, the same question opens in a dialog (loaded from that page), and "keep" closes it and
 * puts focus back on the button.
 */
export function CancelControl(props: { bookingId: string; who: string; label: string }) {
  const { t } = useTranslation()
  const location = useLocation()
  const fetcher = useFetcher<{ booking: SerializedDescription }>()
  const dialog = useRef<HTMLDialogElement>(null)
  const trigger = useRef<HTMLAnchorElement>(null)
  const back = location.pathname + location.search
  const href = `/me/bookings/${props.bookingId}/cancel?${new URLSearchParams({ back })}`
  useEffect(() => {
    if (fetcher.data?.booking && dialog.current && !dialog.current.open) dialog.current.showModal()
  }, [fetcher.data])
  const close = () => {
    dialog.current?.close()
    trigger.current?.focus()
  }
  return (
    <>
      <Link
        ref={trigger}
        to={href}
        className="button danger"
        aria-label={`${props.label} · ${props.who}`}
        onClick={(event) => {
          if (typeof HTMLDialogElement === 'undefined') return // an old browser: the page
          event.preventDefault()
          fetcher.load(href)
        }}
      >
        {fetcher.state === 'loading' ? t('booking.working') : props.label}
      </Link>
      <dialog
        ref={dialog}
        className="confirm-dialog"
        aria-labelledby={`cancel-title-${props.bookingId}`}
        onClose={() => trigger.current?.focus()}
      >
        {fetcher.data?.booking ? <CancelQuestion booking={fetcher.data.booking} back={back} onKeep={close} /> : null}
      </dialog>
    </>
  )
}
