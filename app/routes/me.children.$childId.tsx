import { parseForm } from '~/web/parse-form'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ChildForm } from '~/components/child-form'
import { consentsOnRecord, getChild, updateChild } from '~/models/child/children.server'
import { eraseChild } from '~/models/privacy/erase.server'
import { redirectWithNotices } from '~/web/flash.server'
import { childSchema } from '~/models/user/schemas'
import { requireUser } from '~/web/auth.server'
import { requireId } from '~/utils/request.server'
import { reply } from '~/web/form-reply.server'
import { addPickupPerson, listPickupPeople, pickupPersonSchema, removePickupPerson } from '~/models/child/pickups.server'
import { cuidId } from '~/utils/validation'
import { PickupPeople } from '~/components/pickup-people'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const childId = requireId(params.childId)
  const [child, consents, pickups] = await Promise.all([
    getChild(user.id, childId),
    consentsOnRecord(user.id, childId),
    listPickupPeople(user.id, childId),
  ])
  if (!child || !consents) throw new Response('Not found', { status: 404 })
  return { child, consents, pickups }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const childId = requireId(params.childId)
  const formData = await request.formData()
  switch (formData.get('intent')) {
    case 'update': {
      const submission = parseForm(formData, childSchema)
      if (submission.status !== 'success') return data({ submission: reply(submission) }, { status: 400 })
      const saved = await updateChild(user.id, childId, submission.value)
      if (!saved.ok && saved.error === 'errors.notFound') throw new Response('Not found', { status: 404 })
      if (!saved.ok) {
        const status = saved.error === 'errors.factLocked' ? 409 : 400
        return data({ submission: reply(submission, { fieldErrors: { [saved.field]: [saved.error] } }) }, { status })
      }
      return redirect('/me/children')
    }
    case 'remove': {
      // ownership first: someone else's child is not found, whatever its bookings
      const erased = await eraseChild({ guardianId: user.id, childId })
      if (!erased) throw new Response('Not found', { status: 404 })
      return redirectWithNotices(request, '/me/children', [{ key: 'me.childRemoved', params: { count: erased.cancelled }, tone: 'ok' }])
    }
    case 'add-pickup': {
      const parsed = pickupPersonSchema.safeParse(Object.fromEntries(formData))
      if (!parsed.success) {
        const fields = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]))
        return data({ pickupErrors: fields }, { status: 400 })
      }
      const added = await addPickupPerson(user.id, childId, parsed.data)
      if (!added.ok && added.error === 'errors.notFound') throw new Response('Not found', { status: 404 })
      if (!added.ok) return data({ pickupError: added.error }, { status: 409 })
      return { pickupDone: 'attendance.pickupAdded', name: parsed.data.name }
    }
    case 'remove-pickup': {
      const id = cuidId.safeParse(formData.get('pickupPersonId'))
      if (!id.success) return data({ pickupError: 'errors.badRequest' }, { status: 400 })
      if (!(await removePickupPerson(user.id, childId, id.data))) throw new Response('Not found', { status: 404 })
      return { pickupDone: 'attendance.pickupRemoved', name: '' }
    }
    default:
      return data({ removeError: 'errors.badRequest' }, { status: 400 })
  }
}

export default function EditChildPage() {
  const { t } = useTranslation()
  const { child, consents, pickups } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const removeError = actionData && 'removeError' in actionData ? actionData.removeError : null
  const submission = actionData && 'submission' in actionData ? actionData.submission : null
  return (
    <section>
      <h1>{t('me.editChild')}</h1>
      <ChildForm child={child} consents={consents} intent="update" lastResult={submission} />
      <PickupPeople
        pickups={pickups}
        done={actionData && 'pickupDone' in actionData ? t(actionData.pickupDone, { name: actionData.name }) : null}
        error={actionData && 'pickupError' in actionData ? t(actionData.pickupError) : null}
        fieldErrors={actionData && 'pickupErrors' in actionData ? actionData.pickupErrors : {}}
      />
      <Form method="post">
        {removeError ? (
          <p className="form-error" role="alert">
            {t(removeError)}
          </p>
        ) : null}
        <button type="submit" name="intent" value="remove" className="danger">
          {t('me.removeChild')}
        </button>
      </Form>
    </section>
  )
}
