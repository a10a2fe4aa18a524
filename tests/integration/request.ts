import { createLogin } from '~/models/user/login.server'
import { loginCookieStorage } from '~/utils/login-cookie.server'

/** A Cookie header for a fresh login of this user (the same path the login form takes). */
export async function loginCookie(userId: string) {
  const { id } = await createLogin(userId)
  const session = await loginCookieStorage.getSession()
  session.set('sessionId', id)
  const setCookie = await loginCookieStorage.commitSession(session)
  return setCookie.split(';')[0]
}

export function post(path: string, fields: Record<string, string | string[]>, cookie?: string) {
  const body = new URLSearchParams()
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one)
  return new Request(`http://localhost${path}`, {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(cookie ? { Cookie: cookie } : {}) },
  })
}

/** Status of whatever an action returned or threw (Response, or Remix's data() wrapper). */
export async function statusOf(run: () => Promise<unknown>): Promise<number> {
  try {
    const result = await run()
    return statusFrom(result)
  } catch (thrown) {
    return statusFrom(thrown)
  }
}

function statusFrom(value: unknown): number {
  if (value instanceof Response) return value.status
  if (value && typeof value === 'object' && 'type' in value && value.type === 'DataWithResponseInit') {
    return (value as { init?: { status?: number } }).init?.status ?? 200
  }
  return 200
}
