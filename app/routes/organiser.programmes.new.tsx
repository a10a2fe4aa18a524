import { parseForm } from '~/web/parse-form'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ProgrammeForm } from '~/components/organiser/programme-form'
import { listDepartments } from '~/models/organiser/departments.server'
import { createProgramme } from '~/models/organiser/manage-programme.server'
import { programmeSchema } from '~/models/organiser/schemas'
import { localized } from '~/models/programme/constants'
import { requireOrganiser } from '~/web/auth.server'
import { useLang } from '~/components/hooks/use-lang'
import { reply } from '~/web/form-reply.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireOrganiser(request)
  return { departments: user.role === 'admin' ? await listDepartments() : [] }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireOrganiser(request)
  const formData = await request.formData()
  const submission = parseForm(formData, programmeSchema)
  if (submission.status !== 'success') return data(reply(submission), { status: 400 })
  // organisers create in their own department; an admin chooses one
  const departments = user.role === 'admin' ? await listDepartments() : []
  const departmentId = user.role === 'admin' ? departments.find((d) => d.id === formData.get('departmentId'))?.id : user.departmentId
  if (!departmentId) return data(reply(submission, { formErrors: ['errors.invalid'] }), { status: 400 })
  const result = await createProgramme(departmentId, submission.value, user.id)
  if (!result.ok) return data(reply(submission, { fieldErrors: { [result.field]: [result.error] } }), { status: 409 })
  return redirect(`/organiser/programmes/${result.id}`, 303)
}

export default function NewProgramme() {
  const { t } = useTranslation()
  const lang = useLang()
  const { departments } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <section>
      <h1>{t('organiser.newProgramme')}</h1>
      {departments.length > 0 ? (
        <p>
          <label>
            {t('organiser.fields.department')}
            <select name="departmentId" form="programme">
              {departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {localized(d, 'name', lang)}
                </option>
              ))}
            </select>
          </label>
        </p>
      ) : null}
      <ProgrammeForm lastResult={lastResult} />
    </section>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
