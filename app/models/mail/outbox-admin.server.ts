import { UNSENT_STATUSES } from '~/models/outbox/outbox.server'
import { db } from '~/utils/db.server'

/** For admins: what has not gone out, with the SMTP server's last reply. */
export async function outboxOverview() {
  const [counts, problems] = await Promise.all([
    db.outboxMessage.groupBy({ by: ['status'], _count: true }),
    db.outboxMessage.findMany({
      where: { OR: [{ status: 'failed' }, { status: { in: [...UNSENT_STATUSES] }, attempts: { gt: 0 } }] },
      orderBy: { createdAt: 'desc' },
      take: 100,
      select: { id: true, kind: true, toEmail: true, status: true, attempts: true, lastError: true, nextAttemptAt: true, createdAt: true },
    }),
  ])
  return { counts: Object.fromEntries(counts.map((c) => [c.status, c._count])) as Record<string, number>, problems }
}
