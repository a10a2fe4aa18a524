import { parseForm } from '~/web/parse-form'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ChildForm } from '~/components/child-form'
import { addChild, listChildren } from '~/models/child/children.server'
import { childSchema } from '~/models/user/schemas'
import { requireUser } from '~/web/auth.server'
import { formatBirthDate } from '~/utils/time'
import { useLang } from '~/components/hooks/use-lang'
import { reply } from '~/web/form-reply.server'
import { redirectWithNotices } from '~/web/flash.server'
import { pageMeta } from '~/utils/meta'

export const meta: MetaFunction = () => pageMeta('我的孩子 My children')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return { children: await listChildren(user.id) }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const submission = parseForm(await request.formData(), childSchema)
  if (submission.status !== 'success') return data(reply(submission), { status: 400 })
  const added = await addChild(user.id, submission.value)
  if (!added.ok) return data(reply(submission, { fieldErrors: { [added.field]: [added.error] } }), { status: 400 })
  return redirectWithNotices(request, '/me/children', [{ key: 'me.childSaved', params: { name: submission.value.name }, tone: 'ok' }])
}

export default function ChildrenPage() {
  const { t } = useTranslation()
  const lang = useLang()
  const { children } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <section>
      <h1>{t('me.childrenTitle')}</h1>
      <p className="muted">{t('me.childrenIntro')}</p>
      {children.length === 0 ? <p>{t('me.noChildren')}</p> : null}
      <ul className="list">
        {children.map((child) => (
          <li key={child.id} className="list-item">
            <div>
              <strong>{child.name}</strong> · {t(`gender.${child.gender}`)} ·{' '}
              {t('me.born', { date: formatBirthDate(child.birthDate, lang) })}
              {child.notes ? <p className="muted">{child.notes}</p> : null}
            </div>
            <Link to={child.id} className="button" aria-label={`${t('me.editChild')} · ${child.name}`}>
              {t('me.editChild')}
            </Link>
          </li>
        ))}
      </ul>
      <h2>{t('me.addChild')}</h2>
      <ChildForm lastResult={lastResult} />
    </section>
  )
}
