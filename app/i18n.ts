import en from './locales/en'
import zh from './locales/zh-CN'

export const supportedLanguages = ['zh-CN', 'en'] as const
export type Language = (typeof supportedLanguages)[number]
export const fallbackLanguage: Language = 'zh-CN'

export function toLanguage(value: string | null | undefined): Language {
  return supportedLanguages.find((l) => l === value) ?? fallbackLanguage
}

export const resources = {
  'zh-CN': { common: zh },
  en: { common: en },
}

// Shared by the server and the browser; translations are bundled, never fetched.
export const i18nConfig = {
  supportedLngs: [...supportedLanguages],
  fallbackLng: fallbackLanguage,
  defaultNS: 'common',
  ns: ['common'],
  interpolation: { escapeValue: false },
  resources,
}
