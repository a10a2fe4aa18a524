import { isStaff } from '~/models/user/roles'
import { redirect } from '@remix-run/node'
import { createLogin, findSignedInUser, endLogin, type SignedInUser } from '~/models/user/login.server'
import { toLanguage } from '~/i18n'
import { NOTICE_VERSION } from '~/models/consent/notice'
import { languageCookie } from '~/utils/i18n.server'
import type { Notice } from '~/web/flash.server'
import { loginCookieStorage } from '~/utils/login-cookie.server'
import { safeRedirect } from '~/utils/safe-redirect'

export { safeRedirect }

export type { SignedInUser }

/** The login-session id behind this request's cookie (a password change keeps this one). */
export async function getLoginId(request: Request): Promise<string | null> {
  const session = await loginCookieStorage.getSession(request.headers.get('Cookie'))
  return session.get('sessionId') ?? null
}

// The root loader, the route loader and the action all ask who is signed in: one query a request.
const usersByRequest = new WeakMap<Request, Promise<SignedInUser | null>>()

export function getUser(request: Request): Promise<SignedInUser | null> {
  let user = usersByRequest.get(request)
  if (!user) {
    user = getLoginId(request).then((loginId) => (loginId ? findSignedInUser(loginId) : null))
    usersByRequest.set(request, user)
  }
  return user
}

/**
 * The signed-in user, or off to the login page. Someone who has not accepted the privacy
 * notice in force (a new version since their last visit) is asked to first, and comes back.
 */
export async function requireUser(request: Request): Promise<SignedInUser> {
  const user = await getUser(request)
  const url = new URL(request.url)
  if (!user) throw redirect(`/login?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`)
  if (user.noticeVersion < NOTICE_VERSION) throw redirect(`/privacy?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`)
  return user
}

/** Organisers and admins only; which programmes they reach is app/models/organiser/scope.server.ts. */
export async function requireOrganiser(request: Request) {
  const user = await requireUser(request)
  if (!isStaff(user.role)) throw new Response('Forbidden', { status: 403 })
  return user
}

/** The same for the door's own fetches (JSON, not pages): a 401 or 403 answer, not a redirect to the login page. */
export async function requireOrganiserForFetch(request: Request) {
  const user = await getUser(request)
  if (!user) throw Response.json({ error: 'door.signedOut' }, { status: 401 })
  if (!isStaff(user.role)) throw Response.json({ error: 'errors.forbidden' }, { status: 403 })
  return user
}

export async function requireAdmin(request: Request) {
  const user = await requireUser(request)
  if (user.role !== 'admin') throw new Response('Forbidden', { status: 403 })
  return user
}

/** Sign in on this device and go on; `notices` are shown on the next page (flash). */
export async function startSession(request: Request, userId: string, redirectTo: string, notices?: Notice[]) {
  const { id, user } = await createLogin(userId)
  const session = await loginCookieStorage.getSession(request.headers.get('Cookie'))
  session.set('sessionId', id)
  if (notices) session.flash('notices', notices)
  // from now on pages follow the member's chosen language, not this browser's default
  const headers = new Headers()
  headers.append('Set-Cookie', await loginCookieStorage.commitSession(session, { maxAge: 60 * 60 * 24 * 30 }))
  headers.append('Set-Cookie', await languageCookie.serialize(toLanguage(user.locale)))
  return redirect(safeRedirect(redirectTo), { headers })
}

export async function endSession(request: Request) {
  const session = await loginCookieStorage.getSession(request.headers.get('Cookie'))
  const sessionId = session.get('sessionId')
  if (sessionId) await endLogin(sessionId)
  // the door's list and queue kept on this phone go with the login (docs/privacy.md)
  return redirect('/', {
    headers: { 'Set-Cookie': await loginCookieStorage.destroySession(session), 'Clear-Site-Data': '"cache", "storage"' },
  })
}
