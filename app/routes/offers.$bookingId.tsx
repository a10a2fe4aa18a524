import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { SessionWhen } from '~/components/session-card'
import { answerOfferByLink, findOfferForLink } from '~/models/booking/offer-by-link.server'
import { localized } from '~/models/programme/constants'
import { parseSearchParams, requireId } from '~/utils/request.server'
import { formatDateTime } from '~/utils/time'
import { useLang } from '~/components/hooks/use-lang'

const token = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/)
const querySchema = z.object({ token, answer: z.enum(['accept', 'decline']).optional() })
const formSchema = z.object({ token, answer: z.enum(['accept', 'decline']) })

// A mail link opens this page (GET changes nothing: mail scanners follow links);
// the member's button press is the POST that answers.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const bookingId = requireId(params.bookingId)
  const query = parseSearchParams(request, querySchema)
  const offer = await findOfferForLink(bookingId, query.token)
  return { offer, token: query.token, answer: query.answer ?? 'accept' }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const bookingId = requireId(params.bookingId)
  const parsed = formSchema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) return data({ result: 'invalid' as const }, { status: 400 })
  const result = await answerOfferByLink(bookingId, parsed.data.token, parsed.data.answer)
  if (!result.ok) return data({ result: 'gone' as const }, { status: 410 })
  return { result: parsed.data.answer === 'accept' ? ('accepted' as const) : ('declined' as const) }
}

export default function OfferPage() {
  const { t } = useTranslation()
  const lang = useLang()
  const { offer, token, answer } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  if (actionData) {
    const message = { accepted: 'booking.accepted', declined: 'booking.declined', gone: 'booking.offerGone', invalid: 'errors.badRequest' }[
      actionData.result
    ]
    return (
      <section className="narrow">
        <p className={actionData.result === 'accepted' || actionData.result === 'declined' ? 'notice' : 'form-error'} role="status">
          {t(message)}
        </p>
      </section>
    )
  }
  if (!offer) {
    return (
      <section className="narrow">
        <p className="form-error">{t('booking.offerGone')}</p>
      </section>
    )
  }
  const name = offer.child?.name ?? offer.attendeeUser?.name ?? ''
  return (
    <section className="narrow">
      <h1>{localized(offer.session.programme, 'title', lang)}</h1>
      <p>
        <SessionWhen session={offer.session} />
      </p>
      <p>{localized(offer.session, 'place', lang)}</p>
      <p className="notice">
        {t('programme.yourOffer', { name, deadline: offer.offerExpiresAt ? formatDateTime(offer.offerExpiresAt, lang) : '' })}
      </p>
      <Form method="post">
        <input type="hidden" name="token" value={token} />
        <button type="submit" name="answer" value="accept" className={answer === 'accept' ? 'primary' : 'plain'}>
          {t('booking.accept')}
        </button>{' '}
        <button type="submit" name="answer" value="decline" className={answer === 'decline' ? 'danger' : 'plain'}>
          {t('booking.decline')}
        </button>
      </Form>
    </section>
  )
}
