import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { getUser } from '~/web/auth.server'
import { readDevMailbox } from '~/utils/dev-mailbox.server'
import { getEnv } from '~/utils/env.server'
import { usesDevMailbox } from '~/utils/mail-transport.server'
import { formatDateTime } from '~/utils/time'
import { useLang } from '~/components/hooks/use-lang'

// The built-in mailbox's inbox. It exists only while no real SMTP server is configured, and
// it holds names, children and signed offer links: in development anyone on the machine may
// read it, in production mode only an admin (everyone else: 404, as if it did not exist).
export async function loader({ request }: LoaderFunctionArgs) {
  if (!usesDevMailbox()) throw new Response('Not found', { status: 404 })
  if (getEnv().NODE_ENV !== 'development') {
    const user = await getUser(request)
    if (user?.role !== 'admin') throw new Response('Not found', { status: 404 })
  }
  return { messages: await readDevMailbox(getEnv().MAILBOX_DIR) }
}

export default function DevMailbox() {
  const { messages } = useLoaderData<typeof loader>()
  const lang = useLang()
  return (
    <section>
      <h1>Dev mailbox · 本地邮箱</h1>
      <p className="muted">{messages.length} messages</p>
      <ul className="list">
        {messages.map((m) => (
          <li key={m.id} className="list-item mail-item">
            <div>
              <strong>{m.subject}</strong>
              <p className="muted">
                → {m.to} {m.date ? `· ${formatDateTime(new Date(m.date), lang)}` : ''}
              </p>
              <pre className="mail-text">{m.text}</pre>
              {m.attachments.map((a, i) => (
                <details key={i}>
                  <summary>
                    📎 {a.filename || 'attachment'} ({a.contentType})
                  </summary>
                  <pre className="mail-text">{a.content}</pre>
                </details>
              ))}
            </div>
          </li>
        ))}
      </ul>
    </section>
  )
}
