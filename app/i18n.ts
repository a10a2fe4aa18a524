export const supportedLanguages = ['zh-CN', 'en'] as const
export type Language = (typeof supportedLanguages)[number]
export const fallbackLanguage: Language = 'zh-CN'

export function toLanguage(value: string | null | undefined): Language {
  return supportedLanguages.find((l) => l === value) ?? fallbackLanguage
}

// Shared by the server and the browser. The texts are not here: the server holds every
// language with its mail (app/utils/i18n.server.ts); the browser loads the page's language only
// (app/entry.client.tsx), as a chunk of its own, so no page carries both languages or the mail.
// English is complete (its type requires every Chinese key), so nothing falls back and each key
// is looked up in the page's language only: an English page never loads the Chinese text as
// well, and the server does not resolve every t() through three language codes.
export const i18nConfig = {
  supportedLngs: [...supportedLanguages],
  fallbackLng: false as const,
  load: 'currentOnly' as const,
  defaultNS: 'common',
  ns: ['common'],
  interpolation: { escapeValue: false },
}
