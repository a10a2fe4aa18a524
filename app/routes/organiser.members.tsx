import {
  data,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { importMemberRegister, pendingMemberClaims, verifyMemberByHand, type ImportReport } from '~/models/user/member-register.server'
import { eraseAccount } from '~/models/privacy/erase.server'
import { findMemberByEmail } from '~/models/user/profile.server'
import { requireOrganiser } from '~/web/auth.server'
import { UPLOAD_ROUTES } from '~/utils/request-guard.server'
import { cuidId } from '~/utils/validation'
import { ActionAnswer } from '~/components/notices'
import { pageMeta } from '~/utils/meta'

export const meta: MetaFunction = () => pageMeta('会员核验 Members')

type Reply = { error?: string; notice?: string; cancelled?: number; report?: Extract<ImportReport, { ok: true }> }

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireOrganiser(request)
  const isAdmin = user.role === 'admin'
  return { ...(await pendingMemberClaims(user)), canImport: isAdmin, canErase: isAdmin }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireOrganiser(request)
  const reply = (status: number, body: Reply) => data(body, { status })
  if (/^multipart\/form-data/i.test(request.headers.get('Content-Type') ?? '')) {
    // the register itself: admins only
    if (user.role !== 'admin') return reply(403, { error: 'errors.forbidden' })
    let file: FormDataEntryValue | null
    try {
      const form = await unstable_parseMultipartFormData(
        request,
        unstable_createMemoryUploadHandler({ maxPartSize: UPLOAD_ROUTES['/organiser/members'] }),
      )
      file = form.get('register')
    } catch (error) {
      if (error instanceof MaxPartSizeExceededError) return reply(413, { error: 'errors.tooLarge' })
      return reply(400, { error: 'errors.badRequest' }) // not a readable upload
    }
    if (!(file instanceof Blob) || file.size === 0) return reply(400, { error: 'members.chooseFile' })
    const report = await importMemberRegister(await file.text(), user.id)
    return report.ok ? reply(200, { report }) : reply(400, { error: report.error })
  }
  const form = Object.fromEntries(await request.formData())
  if (form.intent === 'erase') {
    // a member's written request to delete their account, carried out by an admin (PIPL): it
    // cancels bookings in every department, so no single department decides it
    if (user.role !== 'admin') return reply(403, { error: 'errors.forbidden' })
    const erase = z.object({ email: z.string().trim().toLowerCase().email(), request: z.string().trim().min(4).max(200) }).safeParse(form)
    if (!erase.success) return reply(400, { error: 'members.eraseInvalid' })
    const member = await findMemberByEmail(erase.data.email)
    if (!member) return reply(404, { error: 'admin.noSuchAccount' })
    if (member.role !== 'member') return reply(409, { error: 'members.eraseStaff' })
    const erased = await eraseAccount({ userId: member.id, actorId: user.id, request: erase.data.request })
    return reply(200, { notice: 'members.erased', cancelled: erased?.cancelled ?? 0 })
  }
  const parsed = z.object({ intent: z.literal('verify'), userId: cuidId }).safeParse(form)
  if (!parsed.success) return reply(400, { error: 'errors.badRequest' })
  const verified = await verifyMemberByHand(parsed.data.userId, user.id)
  return verified.ok ? reply(200, { notice: 'members.verifiedByHand' }) : reply(409, { error: verified.error })
}

export default function MembersPage() {
  const { t } = useTranslation()
  const { total, claims, canImport, canErase } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  return (
    <section>
      <h1>{t('members.title')}</h1>
      <p className="muted">{t('members.intro', { total })}</p>
      <ActionAnswer
        notice={actionData?.notice ? t(actionData.notice, { count: actionData.cancelled ?? 0 }) : null}
        error={actionData?.error ? t(actionData.error) : null}
      />
      {actionData?.report ? (
        <div className="notice" role="status">
          <p>{t('members.imported', actionData.report)}</p>
          {actionData.report.problems.length > 0 ? (
            <ul>
              {actionData.report.problems.map((p) => (
                <li key={p.line}>{t('members.problem', { line: p.line, message: t(p.message) })}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {canImport ? (
        <section className="card">
          <h2>{t('members.importTitle')}</h2>
          <p className="muted">{t('members.importIntro')}</p>
          <Form method="post" encType="multipart/form-data">
            <label htmlFor="register">{t('members.file')}</label>
            <input id="register" name="register" type="file" accept=".csv,text/csv" required />
            <button type="submit" className="primary" disabled={busy}>
              {t('members.importSubmit')}
            </button>
          </Form>
        </section>
      ) : null}
      {canErase ? (
        <section className="card">
          <h2>{t('members.eraseTitle')}</h2>
          <p className="muted">{t('members.eraseIntro')}</p>
          <Form method="post">
            <div className="field">
              <label htmlFor="erase-email">{t('fields.email')}</label>
              <input id="erase-email" name="email" type="email" required maxLength={200} />
            </div>
            <div className="field">
              <label htmlFor="erase-request">{t('members.eraseRequest')}</label>
              <input id="erase-request" name="request" required minLength={4} maxLength={200} />
            </div>
            <button type="submit" name="intent" value="erase" className="danger" disabled={busy}>
              {t('members.eraseSubmit')}
            </button>
          </Form>
        </section>
      ) : null}
      <h2>{t('members.pendingTitle', { count: claims.length })}</h2>
      {claims.length === 0 ? <p>{t('me.none')}</p> : null}
      <ul className="list">
        {claims.map((c) => (
          <li key={c.id} className="list-item">
            <div>
              <strong>{c.name}</strong> · {c.memberNo}
              {c.email ? ` · ${c.email}` : ''}
              {c.phone ? ` · ${c.phone}` : ''}
              <p className="muted">
                {c.registerName === null ? t('members.notInRegister') : t('members.registerName', { name: c.registerName })}
              </p>
            </div>
            <Form method="post">
              <input type="hidden" name="userId" value={c.id} />
              <button type="submit" name="intent" value="verify" disabled={busy}>
                {t('members.verify')}
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </section>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
