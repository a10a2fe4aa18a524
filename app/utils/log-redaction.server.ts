/**
 * Secrets that travel in URLs — one-time account links, a booking's offer token, the private
 * calendar feed (fetched again and again by calendar apps) — never reach a log line. Every
 * log writer goes through here: the request log (scripts/start.js), the error and busy logs
 * (app/entry.server.tsx), and any console output of the server (installLogRedaction).
 */
const SECRET_PATHS = /(\/(?:account\/reset|account\/verify|calendar)\/)[^\s?#"'/]+?(\.ics)?(?=[\s?#"'/]|$)/g
const SECRET_PARAMS = /([?&](?:token|sig|signature|secret|key)=)[^\s&#"']+/gi
export const REDACTED = '[redacted]'

export function redactSecrets(text: string) {
  return text
    .replace(SECRET_PATHS, (_, prefix: string, ics?: string) => `${prefix}${REDACTED}${ics ?? ''}`)
    .replace(SECRET_PARAMS, `$1${REDACTED}`)
}

function redactArgument(value: unknown): unknown {
  if (typeof value === 'string') return redactSecrets(value)
  if (value instanceof Error) {
    const copy = new Error(redactSecrets(value.message))
    copy.name = value.name
    copy.stack = value.stack ? redactSecrets(value.stack) : undefined
    return copy
  }
  return value
}

let installed = false
/** Wrap the console once so that whatever the server or a library logs is redacted too. */
export function installLogRedaction() {
  if (installed) return
  installed = true
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[method].bind(console)
    console[method] = (...args: unknown[]) => original(...args.map(redactArgument))
  }
}
