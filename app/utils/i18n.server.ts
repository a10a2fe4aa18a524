import { createCookie } from '@remix-run/node'
import { LanguageDetector, RemixI18Next } from 'remix-i18next/server'
import { fallbackLanguage, i18nConfig, supportedLanguages, toLanguage, type Language } from '~/i18n'
import en from '~/locales/en'
import { enMail } from '~/locales/en.mail'
import zh from '~/locales/zh-CN'
import { zhMail } from '~/locales/zh-CN.mail'

/** Every language, pages' and mail text, bundled: the server never fetches a translation. */
export const serverI18nConfig = {
  ...i18nConfig,
  resources: {
    'zh-CN': { common: { ...zh, ...zhMail } },
    en: { common: { ...en, ...enMail } },
  },
}

export const languageCookie = createCookie('lng', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
})

// What a browser's Accept-Language picks, remembered by the header's text: phones send a handful
// of distinct headers, and reading one (Intl's locale lists) costs more than the rest of a
// page's detection. At most 500 headers are kept.
const headerDetector = new LanguageDetector({
  supportedLanguages: [...supportedLanguages],
  fallbackLanguage,
  order: ['header'],
})
const byAcceptLanguage = new Map<string, Promise<string>>()
function languageOfHeader(request: Request) {
  const header = request.headers.get('Accept-Language') ?? ''
  let language = byAcceptLanguage.get(header)
  if (!language) {
    if (byAcceptLanguage.size >= 500) byAcceptLanguage.clear()
    language = headerDetector.detect(request)
    byAcceptLanguage.set(header, language)
  }
  return language
}

export const i18next = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLanguages],
    fallbackLanguage,
    cookie: languageCookie,
    // a link that names its language (mail links carry the member's) wins, then a stored
    // choice (set on language switch and at login, from the member's profile); on a first
    // visit the browser's Accept-Language decides
    order: ['searchParams', 'cookie', 'custom'],
    findLocale: languageOfHeader,
    searchParamKey: 'lng',
  },
  i18next: serverI18nConfig,
})

// a page asks for its language twice (the root's loader, then the render): read once a request
const languages = new WeakMap<Request, Promise<Language>>()

export function getLanguage(request: Request): Promise<Language> {
  let language = languages.get(request)
  if (!language) {
    language = i18next.getLocale(request).then(toLanguage)
    languages.set(request, language)
  }
  return language
}

export async function getT(request: Request) {
  const lang = await getLanguage(request)
  return { lang, t: await i18next.getFixedT(lang, 'common') }
}
