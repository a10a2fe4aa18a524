import { useTranslation } from 'react-i18next'

/** Bookings per day as a bar chart (SVG, no script): booked in brand colour, waitlisted on top. */
export function BookingsChart({ data }: { data: { day: string; booked: number; waitlisted: number }[] }) {
  const { t } = useTranslation()
  if (data.length === 0) return null
  const max = Math.max(...data.map((d) => d.booked + d.waitlisted), 1)
  const bar = 24
  const height = 120
  const width = data.length * (bar + 8)
  return (
    <figure>
      <svg
        role="img"
        aria-label={t('organiser.chartLabel')}
        viewBox={`0 0 ${width} ${height + 20}`}
        style={{ maxWidth: '100%', height: 'auto' }}
      >
        {data.map((d, i) => {
          const booked = (d.booked / max) * height
          const waiting = (d.waitlisted / max) * height
          const x = i * (bar + 8)
          return (
            <g key={d.day}>
              <title>{`${d.day}: ${d.booked} + ${d.waitlisted}`}</title>
              <rect x={x} y={height - booked} width={bar} height={booked} fill="#b5224f" />
              <rect x={x} y={height - booked - waiting} width={bar} height={waiting} fill="#f0b429" />
              <text x={x + bar / 2} y={height + 14} fontSize="9" textAnchor="middle">
                {d.day.slice(5)}
              </text>
            </g>
          )
        })}
      </svg>
      <figcaption className="muted">{t('organiser.chartCaption')}</figcaption>
    </figure>
  )
}
