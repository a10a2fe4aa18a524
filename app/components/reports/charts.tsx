/**
 * The report's charts, drawn on the server as SVG: they show without JavaScript, print, and cost
 * a phone no script. Each is an image with a name; the same figures are in the table beside it.
 */
const COLORS = ['#b5224f', '#f0b429', '#2f6f9f']

/** Horizontal bars, one group per row (e.g. a programme: its places and its demand). */
export function BarChart(props: { label: string; series: string[]; rows: { label: string; values: number[] }[] }) {
  if (props.rows.length === 0) return null
  const max = Math.max(1, ...props.rows.flatMap((r) => r.values))
  const bar = 10
  const group = props.series.length * bar + 12
  const labelWidth = 140
  const width = 360
  const height = props.rows.length * group + 24
  return (
    <figure className="chart">
      <svg role="img" aria-label={props.label} viewBox={`0 0 ${width} ${height}`} style={{ width: '100%', height: 'auto' }}>
        {props.rows.map((row, i) => (
          <g key={i} transform={`translate(0, ${i * group})`}>
            <text x={0} y={bar + 2} fontSize="9">
              {row.label.length > 18 ? `${row.label.slice(0, 17)}…` : row.label}
            </text>
            {row.values.map((value, s) => (
              <g key={s}>
                <rect x={labelWidth} y={s * bar} width={((width - labelWidth - 40) * value) / max} height={bar - 2} fill={COLORS[s]} />
                <text x={labelWidth + ((width - labelWidth - 40) * value) / max + 3} y={s * bar + bar - 3} fontSize="8">
                  {value}
                </text>
              </g>
            ))}
          </g>
        ))}
        <Legend series={props.series} y={props.rows.length * group + 8} />
      </svg>
    </figure>
  )
}

/** Columns over time (e.g. bookings per week). */
export function ColumnChart(props: { label: string; points: { label: string; value: number }[] }) {
  if (props.points.length === 0) return null
  const max = Math.max(1, ...props.points.map((p) => p.value))
  const height = 120
  const step = Math.max(8, Math.min(28, 340 / props.points.length))
  const width = Math.max(360, props.points.length * step)
  const every = Math.ceil(props.points.length / 8)
  return (
    <figure className="chart">
      <svg role="img" aria-label={props.label} viewBox={`0 0 ${width} ${height + 20}`} style={{ width: '100%', height: 'auto' }}>
        {props.points.map((p, i) => {
          const h = (height * p.value) / max
          return (
            <g key={p.label}>
              <title>{`${p.label}: ${p.value}`}</title>
              <rect x={i * step} y={height - h} width={step - 2} height={h} fill={COLORS[0]} />
              {i % every === 0 ? (
                <text x={i * step} y={height + 12} fontSize="8">
                  {p.label.slice(5)}
                </text>
              ) : null}
            </g>
          )
        })}
      </svg>
    </figure>
  )
}

function Legend({ series, y }: { series: string[]; y: number }) {
  return (
    <g transform={`translate(0, ${y})`}>
      {series.map((name, i) => (
        <g key={name} transform={`translate(${i * 120}, 0)`}>
          <rect width={10} height={8} fill={COLORS[i]} />
          <text x={14} y={8} fontSize="9">
            {name}
          </text>
        </g>
      ))}
    </g>
  )
}
