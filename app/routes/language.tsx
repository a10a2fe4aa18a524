import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { supportedLanguages } from '~/i18n'
import { setPreferredLocale } from '~/models/user/profile.server'
import { getUser } from '~/web/auth.server'
import { safeRedirect } from '~/utils/safe-redirect'
import { languageCookie } from '~/utils/i18n.server'

const schema = z.object({ lang: z.enum(supportedLanguages), redirectTo: z.string().max(2000).optional() })

export async function action({ request }: ActionFunctionArgs) {
  const parsed = schema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) return new Response('Unsupported language / 不支持的语言', { status: 400 })
  const user = await getUser(request)
  if (user) await setPreferredLocale(user.id, parsed.data.lang)
  return redirect(safeRedirect(parsed.data.redirectTo), {
    headers: { 'Set-Cookie': await languageCookie.serialize(parsed.data.lang) },
  })
}

export function loader() {
  return redirect('/')
}
