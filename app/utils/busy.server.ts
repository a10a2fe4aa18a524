// "Busy, try again in a few seconds": what a member gets when the database could not serve a
// request now (app/entry.server.tsx turns it into this answer for every route).
export const BUSY_RETRY_AFTER_SECONDS = 5

// by name: a class identity check fails across two copies of the module (tests load the build)
export const isBusy = (error: unknown) => error instanceof Error && error.name === 'DatabaseBusyError'

export function busyResponse() {
  return new Response('busy', {
    status: 503,
    statusText: 'Service Unavailable',
    headers: { 'Retry-After': String(BUSY_RETRY_AFTER_SECONDS) },
  })
}
