import { useLoaderData } from '@remix-run/react'

const LINE = '暑期托管班第一期：每天上午八点半到下午五点，职工服务中心三楼。'

/** As many lines as make the page the size of the page it stands in for (?bytes=, calibrated by the bench). */
export function loader({ request }: { request: Request }) {
  const bytes = Number(new URL(request.url).searchParams.get('bytes') ?? 15000)
  const count = Math.max(1, Math.round(bytes / (Buffer.byteLength(LINE) + 10)))
  return { lines: Array.from({ length: count }, (_, i) => `${i + 1}. ${LINE}`) }
}

export default function Page() {
  const { lines } = useLoaderData<typeof loader>()
  return (
    <main>
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </main>
  )
}
