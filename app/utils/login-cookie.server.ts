import { createCookieSessionStorage } from '@remix-run/node'
import { getEnv, sessionSecrets } from './env.server'

// The cookie carries only the id of an AuthSession row: deleting the row revokes it.
export const loginCookieStorage = createCookieSessionStorage<{ sessionId: string }, { notices: unknown }>({
  cookie: {
    name: '__session',
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: getEnv().NODE_ENV === 'production' && getEnv().INSECURE_COOKIES !== 'true',
    // comma-separated list: the first signs, all verify (rotation)
    secrets: sessionSecrets(),
  },
})
