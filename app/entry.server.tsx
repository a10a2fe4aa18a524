import { Transform, type TransformCallback } from 'node:stream'
import {
  createReadableStreamFromReadable,
  type EntryContext,
  type HandleDataRequestFunction,
  type HandleErrorFunction,
} from '@remix-run/node'
import { isRouteErrorResponse } from '@remix-run/react'
import { RemixServer } from '@remix-run/react'
import { createInstance, type i18n } from 'i18next'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { NonceContext } from './components/hooks/nonce'
import { SiteCssContext } from './components/site-stylesheet'
import siteStylesheet from './styles/app.css'
import { inlineCssFor } from './utils/site-css.server'
import { newNonce, setDocumentSecurityHeaders } from './utils/security-headers.server'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { getLanguage, serverI18nConfig } from './utils/i18n.server'
import { BUSY_RETRY_AFTER_SECONDS, busyResponse, isBusy } from './utils/busy.server'

export { boot, shutdown, startWorker } from './web/boot.server'
export { loadSheddingFromEnv } from './utils/load-shedding.server'
export { requestGuard } from './utils/request-guard.server'
export { installLogRedaction, redactSecrets } from './utils/log-redaction.server'
export { commonSecurityHeaders } from './utils/security-headers.server'

const ABORT_DELAY = 5_000

// One i18next instance per language, made once: nothing changes its language after init,
// so sharing it between requests is safe and saves building one per request.
const instances = new Map<string, Promise<i18n>>()
function i18nFor(lng: string) {
  let instance = instances.get(lng)
  if (!instance) {
    const created = createInstance()
    instance = created
      .use(initReactI18next)
      .init({ ...serverI18nConfig, lng })
      .then(() => fixedLanguageHierarchy(created, lng))
    instances.set(lng, instance)
  }
  return instance
}

// Every t() asks which languages to look in, and the answer goes through Intl's locale
// canonicalisation each time (a page makes ~150 calls). For an instance that stays in one
// language the answer is fixed: worked out once.
function fixedLanguageHierarchy(instance: i18n, lng: string) {
  const utils = instance.services.languageUtils
  const resolve = utils.toResolveHierarchy.bind(utils)
  const fixed = resolve(lng)
  utils.toResolveHierarchy = (code: string, fallbackCode?: string | string[]) =>
    code === lng && !fallbackCode ? fixed : resolve(code, fallbackCode)
  return instance
}

// Requests whose loader or action found the database busy (DatabaseBusyError after its
// retries): they are answered 503 with Retry-After and the "busy, try again" page, not a 500.
const busyRequests = new WeakSet<Request>()

export const handleError: HandleErrorFunction = (error, { request }) => {
  if (isBusy(error)) {
    busyRequests.add(request)
    console.warn(`[busy] ${request.method} ${new URL(request.url).pathname}: ${(error as Error).message}`)
    return
  }
  // a Response is an answer, not a bug (the busy answer above comes back here once)
  if (!request.signal.aborted && !(error instanceof Response)) console.error(error)
}

// JavaScript navigations and form posts (single fetch): the status and Retry-After
export const handleDataRequest: HandleDataRequestFunction = (response, { request }) => {
  if (!busyRequests.has(request)) return response
  const headers = new Headers(response.headers)
  headers.set('Retry-After', String(BUSY_RETRY_AFTER_SECONDS))
  return new Response(response.body, { status: 503, headers })
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  if (busyRequests.has(request)) {
    const errors = Object.values(remixContext.staticHandlerContext.errors ?? {})
    // Remix renders again with this thrown response at the failing route's error boundary
    if (!errors.some((e) => isRouteErrorResponse(e) && e.status === 503)) throw busyResponse()
    responseHeaders.set('Retry-After', String(BUSY_RETRY_AFTER_SECONDS))
  }
  const instance = await i18nFor(await getLanguage(request))
  const nonce = newNonce()
  setDocumentSecurityHeaders(responseHeaders, nonce)
  const siteCss = inlineCssFor(request, responseHeaders, siteStylesheet)
  // Bots and no-JS clients get the whole document at once; browsers get it streamed.
  const readyEvent = isbot(request.headers.get('user-agent')) ? 'onAllReady' : 'onShellReady'

  return new Promise((resolve, reject) => {
    let shellRendered = false
    // a render still waiting after ABORT_DELAY is cut; one that is done lets go of its timer (and
    // of the page it holds) at once — not 5 s later, 500 pages' worth in a reload storm
    const cut = setTimeout(() => abort(), ABORT_DELAY)
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <SiteCssContext.Provider value={siteCss}>
          <I18nextProvider i18n={instance}>
            <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
          </I18nextProvider>
        </SiteCssContext.Provider>
      </NonceContext.Provider>,
      {
        nonce,
        onAllReady() {
          clearTimeout(cut)
          if (readyEvent === 'onAllReady') send()
        },
        onShellReady() {
          if (readyEvent === 'onShellReady') send()
        },
        onShellError(error: unknown) {
          clearTimeout(cut)
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          if (shellRendered) console.error(error)
        },
      },
    )
    function send() {
      shellRendered = true
      const body = new WholeWrites()
      responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
      resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }))
      pipe(body)
    }
  })
}

/**
 * React writes a page in views of 2 KB, one after another in the same tick; each would be a
 * chunk of its own for the compressor and the socket. Passed on as one piece per tick instead.
 */
class WholeWrites extends Transform {
  private held: Buffer[] = []

  _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    if (this.held.push(chunk) === 1) queueMicrotask(() => this.passOn())
    done()
  }

  _flush(done: TransformCallback) {
    this.passOn()
    done()
  }

  private passOn() {
    if (this.held.length === 0) return
    const whole = this.held.length === 1 ? this.held[0] : Buffer.concat(this.held)
    this.held = []
    this.push(whole)
  }
}
