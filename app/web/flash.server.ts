import { redirect } from '@remix-run/node'
import { z } from 'zod'
import { loginCookieStorage } from '~/utils/login-cookie.server'

/** A message for the next page, in the reader's language (an i18n key and its values). */
const noticeSchema = z.object({
  key: z.string().max(100),
  params: z.record(z.union([z.string().max(500), z.number()])).optional(),
  reason: z.string().max(100).optional(),
  tone: z.enum(['ok', 'error']),
})
export type Notice = z.infer<typeof noticeSchema>

/**
 * Post/Redirect/Get: a successful form post answers 303 and leaves its messages in the
 * session cookie for the next page (refreshing never re-posts, the post stays cheap).
 */
export async function redirectWithNotices(request: Request, to: string, notices: Notice[]) {
  const session = await loginCookieStorage.getSession(request.headers.get('Cookie'))
  session.flash('notices', notices)
  return redirect(to, { status: 303, headers: { 'Set-Cookie': await loginCookieStorage.commitSession(session) } })
}

/** Read (and clear) the messages left by the last post; returns the header that clears them. */
export async function takeNotices(request: Request) {
  const session = await loginCookieStorage.getSession(request.headers.get('Cookie'))
  const stored: unknown = session.get('notices')
  if (stored === undefined) return { notices: [] as Notice[], headers: undefined }
  // the cookie is signed, but what it holds is still checked before it reaches a page
  const parsed = z.array(noticeSchema).max(20).safeParse(stored)
  const notices = parsed.success ? parsed.data : []
  return { notices, headers: { 'Set-Cookie': await loginCookieStorage.commitSession(session) } }
}
