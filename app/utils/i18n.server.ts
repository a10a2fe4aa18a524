import { createCookie } from '@remix-run/node'
import { RemixI18Next } from 'remix-i18next/server'
import { fallbackLanguage, i18nConfig, supportedLanguages, toLanguage, type Language } from '~/i18n'

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
  i18next: i18nConfig,
})

export async function getLanguage(request: Request): Promise<Language> {
  return toLanguage(await i18next.getLocale(request))
}

export async function getT(request: Request) {
  const lang = await getLanguage(request)
  return { lang, t: await i18next.getFixedT(lang, 'common') }
}
