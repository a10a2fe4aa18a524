import { RemixBrowser } from '@remix-run/react'
import i18next from 'i18next'
import resourcesToBackend from 'i18next-resources-to-backend'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { i18nConfig, toLanguage } from './i18n'

// The pages' text of one language, each a chunk of its own: a page loads its language only,
// and the other one when the member switches (root's useChangeLanguage).
const pageTexts = {
  'zh-CN': () => import('./locales/zh-CN'),
  en: () => import('./locales/en'),
}

async function hydrate() {
  await i18next
    .use(initReactI18next)
    .use(resourcesToBackend((language: string) => pageTexts[toLanguage(language)]()))
    .init({ ...i18nConfig, lng: toLanguage(document.documentElement.lang) })
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    )
  })
}

hydrate()
