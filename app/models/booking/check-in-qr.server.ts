import QRCode from 'qrcode'
import { appUrl } from '~/utils/signed-link.server'

/** The QR code on a member's booking: it opens the check-in page for that booking. */
export function checkInQr(bookingId: string) {
  return QRCode.toString(appUrl(`/organiser/check-in/${bookingId}`), { type: 'svg', margin: 1, width: 160 })
}
