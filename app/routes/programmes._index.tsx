import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Catalogue } from '~/components/catalogue'
import { loadCataloguePage } from '~/models/programme/catalogue.server'

export const meta: MetaFunction = () => [{ title: '活动 Programmes · 康乃馨 Carnation' }]

export async function loader({ request }: LoaderFunctionArgs) {
  return loadCataloguePage(request)
}

export default function ProgrammesPage() {
  const { t } = useTranslation()
  const data = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t('catalogue.title')}</h1>
      <Catalogue {...data} />
    </>
  )
}
