import { writeAudit } from '~/models/audit/audit.server'
import { write } from '~/utils/db.server'
import { ruleKey, type ReminderRule } from './rules'

/** An organiser sets a programme's reminder rules and its "what to bring" text (audited). */
export function setReminders(
  programmeId: string,
  input: { rules: ReminderRule[]; prepareZh?: string; prepareEn?: string },
  actorId: string,
) {
  return write(async (tx) => {
    await tx.programme.update({
      where: { id: programmeId },
      data: { reminderRules: JSON.stringify(input.rules), prepareZh: input.prepareZh ?? '', prepareEn: input.prepareEn ?? '' },
    })
    await writeAudit(tx, {
      actorId,
      action: 'programme.reminders',
      entity: 'Programme',
      entityId: programmeId,
      data: { rules: input.rules.map(ruleKey) },
    })
  })
}
