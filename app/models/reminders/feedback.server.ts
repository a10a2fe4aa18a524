import { z } from 'zod'
import type { Language } from '~/i18n'
import { writeAudit } from '~/models/audit/audit.server'
import { sessionWhenWhereSelect } from '~/models/programme/selects'
import { db, write } from '~/utils/db.server'
import { appUrl, signToken, verifyToken } from '~/utils/signed-link.server'

/** The answer a member gives from the feedback link. */
export const feedbackAnswerSchema = z.object({
  rating: z.coerce
    .number({ invalid_type_error: 'feedback.ratingRequired' })
    .int()
    .min(1, 'feedback.ratingRequired')
    .max(5, 'feedback.ratingRequired'),
  comment: z
    .string()
    .trim()
    .max(1000, 'feedback.commentTooLong')
    .optional()
    .transform((v) => v || null),
})
export type FeedbackAnswer = z.infer<typeof feedbackAnswerSchema>

/** The signed link of a feedback request: bound to its booking, usable without logging in, answered once. */
export function feedbackLink(bookingId: string, lang: Language) {
  return appUrl(`/feedback/${bookingId}?${new URLSearchParams({ token: signToken('feedback', bookingId), lng: lang })}`)
}

const askedSelect = {
  answeredAt: true,
  rating: true,
  booking: {
    select: {
      session: { select: { ...sessionWhenWhereSelect, programme: { select: { titleZh: true, titleEn: true } } } },
    },
  },
} as const

/** What the feedback page shows for a link: the programme and its session (no name: a link can be forwarded), or null. */
export async function findFeedbackForLink(bookingId: string, token: string) {
  if (!verifyToken('feedback', bookingId, token)) return null
  return db.feedback.findUnique({ where: { bookingId }, select: askedSelect })
}

/** Once per booking: a second answer (another tab, a forwarded link) is refused, the first kept. */
export async function answerFeedback(bookingId: string, token: string, answer: FeedbackAnswer, now = new Date()) {
  if (!verifyToken('feedback', bookingId, token)) return { ok: false, error: 'feedback.linkInvalid' } as const
  return write(async (tx) => {
    const saved = await tx.feedback.updateMany({
      where: { bookingId, answeredAt: null },
      data: { rating: answer.rating, comment: answer.comment, answeredAt: now },
    })
    if (saved.count === 0) {
      const asked = await tx.feedback.count({ where: { bookingId } })
      return { ok: false, error: asked ? 'feedback.alreadyAnswered' : 'feedback.linkInvalid' } as const
    }
    await writeAudit(tx, { action: 'feedback.answered', entity: 'Booking', entityId: bookingId, data: { rating: answer.rating } })
    return { ok: true } as const
  })
}

/** A programme's feedback for its organisers: per session and overall, the average, the count, the comments (no names). */
export async function feedbackOfProgramme(programmeId: string) {
  const rows = await db.feedback.findMany({
    where: { booking: { session: { programmeId } } },
    orderBy: { answeredAt: 'desc' },
    select: { rating: true, comment: true, answeredAt: true, booking: { select: { sessionId: true } } },
  })
  const sessions = await db.session.findMany({
    where: { programmeId },
    orderBy: { startsAt: 'asc' },
    select: sessionWhenWhereSelect,
  })
  const summary = (list: typeof rows) => {
    const answered = list.filter((r) => r.rating !== null)
    const total = answered.reduce((sum, r) => sum + (r.rating ?? 0), 0)
    return {
      asked: list.length,
      answered: answered.length,
      average: answered.length ? Math.round((10 * total) / answered.length) / 10 : null,
      comments: answered.filter((r) => r.comment).map((r) => ({ rating: r.rating!, comment: r.comment!, answeredAt: r.answeredAt! })),
    }
  }
  return {
    overall: summary(rows),
    sessions: sessions
      .map((session) => ({ session, ...summary(rows.filter((r) => r.booking.sessionId === session.id)) }))
      .filter((s) => s.asked > 0),
  }
}
