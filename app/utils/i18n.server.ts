import { createCookie } from '@remix-run/node'
import { RemixI18Next } from 'remix-i18next/server'
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

export const i18next = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLanguages],
    fallbackLanguage,
    cookie: languageCookie,
    // a link that names its language (mail links carry the member's) wins, then a stored
    // choice (set on language switch and at login, from the member's profile); on a first
    // visit the browser's Accept-Language decides
    order: ['searchParams', 'cookie', 'header'],
    searchParamKey: 'lng',
  },
  i18next: serverI18nConfig,
})

export async function getLanguage(request: Request): Promise<Language> {
  return toLanguage(await i18next.getLocale(request))
}

export async function getT(request: Request) {
  const lang = await getLanguage(request)
  return { lang, t: await i18next.getFixedT(lang, 'common') }
}
