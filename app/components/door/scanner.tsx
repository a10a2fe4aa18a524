import jsQR from 'jsqr'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'

/** The booking a booking's QR code names (app/models/booking/check-in-qr.server.ts: …/organiser/check-in/<id>). */
export function bookingIdOfCode(text: string) {
  return /\/organiser\/check-in\/([a-z0-9]{20,32})(?:[/?#]|$)/i.exec(text)?.[1] ?? null
}

type Detector = { detect(source: CanvasImageSource): Promise<{ rawValue: string }[]> }
type DetectorClass = { new (options: { formats: string[] }): Detector; getSupportedFormats?: () => Promise<string[]> }

/** The browser's own QR reader where it has one (Android Chrome), else null: jsQR reads the frames. */
async function nativeDetector(): Promise<Detector | null> {
  const BarcodeDetector = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector
  if (!BarcodeDetector) return null
  try {
    const formats = (await BarcodeDetector.getSupportedFormats?.()) ?? []
    return formats.includes('qr_code') ? new BarcodeDetector({ formats: ['qr_code'] }) : null
  } catch {
    return null
  }
}

/**
 * The phone's camera, read a few times a second until a booking's code shows up. Works
 * offline (nothing leaves the phone); without a camera or permission it says so, and the
 * name search stays.
 */
export function Scanner({ onCode, onClose }: { onCode: (bookingId: string) => void; onClose: () => void }) {
  const { t } = useTranslation()
  const video = useRef<HTMLVideoElement>(null)
  const [error, setError] = useState<string | null>(null)
  const [seen, setSeen] = useState<string | null>(null)
  useEffect(() => {
    let stream: MediaStream | null = null
    let timer: ReturnType<typeof setTimeout> | undefined
    let stopped = false
    const canvas = document.createElement('canvas')
    const context = canvas.getContext('2d', { willReadFrequently: true })
    async function start() {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      } catch {
        setError('door.noCamera')
        return
      }
      if (stopped || !video.current) return stream.getTracks().forEach((track) => track.stop())
      video.current.srcObject = stream
      await video.current.play().catch(() => {})
      const detector = await nativeDetector()
      const look = async () => {
        if (stopped) return
        const v = video.current
        if (v && v.videoWidth > 0 && context) {
          let text: string | null = null
          if (detector) {
            text = (await detector.detect(v).catch(() => []))[0]?.rawValue ?? null
          } else {
            // a frame at most 640 px wide is plenty for a code held up to the phone
            const scale = Math.min(1, 640 / v.videoWidth)
            canvas.width = Math.round(v.videoWidth * scale)
            canvas.height = Math.round(v.videoHeight * scale)
            context.drawImage(v, 0, 0, canvas.width, canvas.height)
            const frame = context.getImageData(0, 0, canvas.width, canvas.height)
            text = jsQR(frame.data, frame.width, frame.height, { inversionAttempts: 'attemptBoth' })?.data ?? null
          }
          if (text) {
            const id = bookingIdOfCode(text)
            if (id) return onCode(id)
            setSeen(text.slice(0, 80))
          }
        }
        timer = setTimeout(look, 200)
      }
      void look()
    }
    void start()
    return () => {
      stopped = true
      clearTimeout(timer)
      stream?.getTracks().forEach((track) => track.stop())
    }
  }, [onCode])
  return (
    <section className="door-scanner" aria-label={t('door.scan')}>
      {error ? (
        <p className="form-error" role="alert">
          {t(error)}
        </p>
      ) : (
        <video ref={video} muted playsInline className="door-video" data-testid="door-video" />
      )}
      {seen ? <p className="hint">{t('door.notABookingCode')}</p> : null}
      <p>
        <button type="button" onClick={onClose}>
          {t('door.stopScanning')}
        </button>
      </p>
    </section>
  )
}
