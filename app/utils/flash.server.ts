import { redirect } from '@remix-run/node'
import type { Notice } from '~/models/booking/handle-booking-action.server'
import { sessionStorage } from './session.server'

/**
 * Post/Redirect/Get: a successful form post answers 303 and leaves its messages in the
 * session cookie for the next page (refreshing never re-posts, the post stays cheap).
 */
export async function redirectWithNotices(request: Request, to: string, notices: Notice[]) {
  const session = await sessionStorage.getSession(request.headers.get('Cookie'))
  session.flash('notices', notices)
  return redirect(to, { status: 303, headers: { 'Set-Cookie': await sessionStorage.commitSession(session) } })
}

/** Read (and clear) the messages left by the last post; returns the header that clears them. */
export async function takeNotices(request: Request) {
  const session = await sessionStorage.getSession(request.headers.get('Cookie'))
  const notices = session.get('notices') as Notice[] | undefined
  if (!notices) return { notices: [] as Notice[], headers: undefined }
  return { notices, headers: { 'Set-Cookie': await sessionStorage.commitSession(session) } }
}
