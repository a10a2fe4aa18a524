import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Catalogue } from '~/components/catalogue'
import { loadCataloguePage } from '~/models/programme/catalogue.server'
import { pageMeta } from '~/utils/meta'

export const meta: MetaFunction = () =>
  pageMeta('活动 Programmes', '按月份和类型浏览工会活动，报名或申请摇号。Browse union programmes by month and kind; book or apply.')

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
