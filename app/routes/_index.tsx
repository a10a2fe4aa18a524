import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Catalogue } from '~/components/catalogue'
import { loadCataloguePage } from '~/models/programme/catalogue.server'

export async function loader({ request }: LoaderFunctionArgs) {
  return loadCataloguePage(request)
}

export default function Home() {
  const { t } = useTranslation()
  const data = useLoaderData<typeof loader>()
  return (
    <>
      <section className="hero">
        <h1>{t('app.fullName')}</h1>
        <p>{t('app.tagline')}</p>
      </section>
      <h2 className="section-title">{t('catalogue.title')}</h2>
      <Catalogue {...data} />
    </>
  )
}
