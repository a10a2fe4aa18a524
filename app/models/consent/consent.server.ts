import { writeAudit } from '~/models/audit/audit.server'
import { type Tx, write } from '~/utils/db.server'
import { NOTICE_VERSION, type ConsentKind } from './notice'

/** Record one consent, with the notice version in force and the time. */
export function recordConsent(tx: Tx, input: { userId: string; kind: ConsentKind; childId?: string; now?: Date }) {
  return tx.consent.create({
    data: {
      userId: input.userId,
      childId: input.childId ?? null,
      kind: input.kind,
      noticeVersion: NOTICE_VERSION,
      grantedAt: input.now ?? new Date(),
    },
    select: { id: true },
  })
}

/** The person accepts the notice in force (at sign-up, or when a new version asks again). */
export function acceptNotice(userId: string, now = new Date()) {
  return write(async (tx) => {
    await recordConsent(tx, { userId, kind: 'notice', now })
    await tx.user.update({ where: { id: userId }, data: { noticeVersion: NOTICE_VERSION } })
    await writeAudit(tx, {
      actorId: userId,
      action: 'privacy.notice-accepted',
      entity: 'User',
      entityId: userId,
      data: { version: NOTICE_VERSION },
    })
  })
}

/** Which of a child's separate consents are on record (not withdrawn). */
export async function childConsents(tx: Tx, childId: string) {
  const rows = await tx.consent.findMany({ where: { childId, withdrawnAt: null }, select: { kind: true } })
  return { childData: rows.some((r) => r.kind === 'child-data'), healthNotes: rows.some((r) => r.kind === 'health-notes') }
}
