import { refuse, type Result } from '~/models/result'
import { clientAddress } from '~/utils/request.server'
import { loginAttemptsByAccountAnywhere, loginFailuresByAccount, loginFailuresByAddress, passwordDelayMs } from '~/utils/rate-limit.server'

type Wrong = 'auth.invalidCredentials' | 'account.wrongPassword'
export type GuardedAttempt<T, W extends Wrong = Wrong> = Result<{ value: T }, 'auth.tooManyAttempts' | W>

/**
 * Every check of a password typed by someone outside (login, and the profile's forms that ask
 * for the current password) goes through here, under the limits of rate-limit.server.ts.
 * The attempt is counted before `check` runs and given back when it succeeds, so concurrent
 * guesses cannot slip past a count none of them has made yet. `check` answers null for a
 * wrong password; the refusal then says `wrong` (the login does not tell a wrong password from an
 * unknown address; a signed-in member's form says which field).
 */
export async function guardPasswordAttempt<T, W extends Wrong = 'account.wrongPassword'>(
  email: string,
  context: unknown,
  check: () => Promise<T | null>,
  wrong: W = 'account.wrongPassword' as W,
): Promise<GuardedAttempt<T, W>> {
  const client = clientAddress(context)
  const account = email.toLowerCase()
  const pair = `${account}|${client}`
  const [byClient, byPair] = await Promise.all([loginFailuresByAddress.take(client), loginFailuresByAccount.take(pair)])
  if (!byClient.allowed || !byPair.allowed) return refuse('auth.tooManyAttempts')
  // guesses at one account from many addresses: slower and slower, never a lock for the owner
  const anywhere = await loginAttemptsByAccountAnywhere.take(account)
  const delay = passwordDelayMs(anywhere.used - 1)
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay))
  const value = await check()
  if (value === null) return refuse(wrong)
  // the owner got in: their account starts afresh (a rival gains at most five quick guesses
  // after each of the owner's logins), the client gets its attempt back
  await Promise.all([
    loginFailuresByAddress.refund(client),
    loginFailuresByAccount.reset(pair),
    loginAttemptsByAccountAnywhere.reset(account),
  ])
  return { ok: true, value }
}

/** The owner proved themself another way (a reset link): what guessing counted against the account is forgotten. */
export async function forgetPasswordGuesses(email: string, context: unknown) {
  const account = email.toLowerCase()
  await Promise.all([loginFailuresByAccount.reset(`${account}|${clientAddress(context)}`), loginAttemptsByAccountAnywhere.reset(account)])
}
