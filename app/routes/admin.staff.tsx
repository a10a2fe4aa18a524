import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { assignOrganiser, createDepartment, listStaff, removeOrganiser } from '~/models/organiser/staff.server'
import { localized } from '~/models/programme/constants'
import { requireAdmin } from '~/web/auth.server'
import { cuidId, requiredText } from '~/utils/validation'
import { useLang } from '~/components/hooks/use-lang'

const schemas = {
  'add-department': z.object({
    slug: z.string().regex(/^[a-z0-9][a-z0-9-]{2,40}$/, 'errors.slug'),
    nameZh: requiredText(60),
    nameEn: requiredText(100),
    email: z.string().email('errors.email'),
    phone: z.string().max(30).optional(),
  }),
  assign: z.object({ email: z.string().email('errors.email'), departmentId: cuidId }),
  remove: z.object({ userId: cuidId }),
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request)
  return listStaff()
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request)
  const form = Object.fromEntries(await request.formData())
  const intent = String(form.intent ?? '')
  // own keys only: "__proto__" or "toString" is not an intent
  if (!Object.hasOwn(schemas, intent)) return data({ error: 'errors.badRequest' }, { status: 400 })
  const result = await run(intent as keyof typeof schemas, form, admin.id)
  if ('invalid' in result) return data({ error: result.invalid }, { status: 400 })
  return result.ok ? { notice: 'organiser.done' } : data({ error: 'error' in result ? result.error : 'errors.invalid' }, { status: 409 })
}

// each intent parsed with its own schema, so the model receives exactly the type it declares
async function run(intent: keyof typeof schemas, form: Record<string, FormDataEntryValue>, adminId: string) {
  const invalid = (error: z.ZodError) => ({ invalid: error.issues[0]?.message ?? 'errors.invalid' })
  switch (intent) {
    case 'add-department': {
      const parsed = schemas[intent].safeParse(form)
      return parsed.success ? await createDepartment(parsed.data, adminId) : invalid(parsed.error)
    }
    case 'assign': {
      const parsed = schemas[intent].safeParse(form)
      return parsed.success ? await assignOrganiser(parsed.data.email, parsed.data.departmentId, adminId) : invalid(parsed.error)
    }
    case 'remove': {
      const parsed = schemas[intent].safeParse(form)
      return parsed.success ? { ok: await removeOrganiser(parsed.data.userId, adminId), error: 'errors.invalid' } : invalid(parsed.error)
    }
  }
}

export default function StaffPage() {
  const { t } = useTranslation()
  const lang = useLang()
  const { departments, staff } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <section>
      <h1>{t('admin.staffTitle')}</h1>
      {actionData && 'notice' in actionData ? <p className="notice">{t(actionData.notice)}</p> : null}
      {actionData && 'error' in actionData ? <p className="form-error">{t(actionData.error)}</p> : null}
      {departments.map((d) => (
        <section key={d.id} className="card">
          <h2>{localized(d, 'name', lang)}</h2>
          <p className="muted">
            {d.email} {d.phone ?? ''}
          </p>
          <ul className="list">
            {staff
              .filter((s) => s.departmentId === d.id)
              .map((s) => (
                <li key={s.id} className="list-item">
                  <span>
                    {s.name} · {s.email}
                  </span>
                  <Form method="post">
                    <input type="hidden" name="userId" value={s.id} />
                    <button type="submit" name="intent" value="remove" className="danger">
                      {t('admin.removeOrganiser')}
                    </button>
                  </Form>
                </li>
              ))}
          </ul>
        </section>
      ))}
      <h2>{t('admin.assign')}</h2>
      <Form method="post" className="panel">
        <label className="field">
          {t('fields.email')}
          <input name="email" type="email" required />
        </label>
        <label className="field">
          {t('organiser.fields.department')}
          <select name="departmentId">
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {localized(d, 'name', lang)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" name="intent" value="assign" className="primary">
          {t('admin.assign')}
        </button>
      </Form>
      <h2>{t('admin.addDepartment')}</h2>
      <Form method="post" className="panel">
        {(['slug', 'nameZh', 'nameEn', 'email', 'phone'] as const).map((name) => (
          <label key={name} className="field">
            {t(`admin.departmentFields.${name}`)}
            <input name={name} required={name !== 'phone'} />
          </label>
        ))}
        <button type="submit" name="intent" value="add-department" className="primary">
          {t('admin.addDepartment')}
        </button>
      </Form>
    </section>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
