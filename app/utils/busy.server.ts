// "Busy, try again in a few seconds": what a member gets when the database could not serve a
// request now (app/entry.server.tsx turns it into this answer for every route).
export const BUSY_RETRY_AFTER_SECONDS = 5

import { transientCode } from './transient.server'

// A transaction that stayed busy past its retries (DatabaseBusyError — by name: a class identity
// check fails across two copies of the module, tests load the build), or a read outside a
// transaction that met the same transient failure (a connection lost in a restart, the database
// unreachable): either way nothing was written and a retry in a few seconds may work.
export const isBusy = (error: unknown) => (error instanceof Error && error.name === 'DatabaseBusyError') || transientCode(error) !== null

export function busyResponse() {
  return new Response('busy', {
    status: 503,
    statusText: 'Service Unavailable',
    headers: { 'Retry-After': String(BUSY_RETRY_AFTER_SECONDS) },
  })
}
