import type { ProgrammeStatus } from '~/models/programme/constants'
import { DEFAULT_MAX_CHOICES } from '~/models/matching/constants'
import { writeAudit } from '~/models/audit/audit.server'
import { db, isUniqueViolation, write } from '~/utils/db.server'
import { cancelSession } from './cancel-session.server'
import type { ProgrammeInput } from './schemas'

function programmeData(input: ProgrammeInput) {
  return {
    ...input,
    minAge: input.minAge ?? null,
    maxAge: input.maxAge ?? null,
    perBookerLimit: input.perBookerLimit ?? null,
    contactPhone: input.contactPhone ?? null,
    drawAt: input.drawAt ?? null,
    priorityTiers: input.priorityTiers.join(','),
    completionMeetings: input.completionMeetings ?? null,
    completionPercent: input.completionPercent ?? null,
    mutualChoiceMax: input.mutualChoiceMax ?? DEFAULT_MAX_CHOICES,
  }
}

export async function createProgramme(departmentId: string, input: ProgrammeInput, actorId: string) {
  try {
    return await write(async (tx) => {
      const programme = await tx.programme.create({
        data: { ...programmeData(input), departmentId, status: 'draft' },
        select: { id: true },
      })
      await writeAudit(tx, {
        actorId,
        action: 'programme.created',
        entity: 'Programme',
        entityId: programme.id,
        data: { title: input.titleZh },
      })
      return { ok: true, id: programme.id } as const
    })
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, field: 'slug', error: 'errors.slugTaken' } as const
    throw error
  }
}

export async function updateProgramme(programmeId: string, input: ProgrammeInput, actorId: string) {
  try {
    const data = programmeData(input)
    return await write(async (tx) => {
      // once a lottery's entries are frozen, what they were frozen under is fixed — the draw time
      // and the public value's sources too (they are in the commitment)
      const before = await tx.programme.findUniqueOrThrow({
        where: { id: programmeId },
        include: { lottery: { select: { drawnAt: true } } },
      })
      if (before.lottery) {
        const changed =
          data.allocation !== before.allocation ||
          data.priorityTiers !== before.priorityTiers ||
          data.drawSource !== before.drawSource ||
          data.drawFallback !== before.drawFallback ||
          data.drawAt?.getTime() !== before.drawAt?.getTime() ||
          data.bookingOpensAt.getTime() !== before.bookingOpensAt.getTime() ||
          data.bookingClosesAt.getTime() !== before.bookingClosesAt.getTime()
        if (changed) return { ok: false, field: 'allocation', error: 'errors.lotteryFrozen' } as const
      }
      await tx.programme.update({ where: { id: programmeId }, data })
      await writeAudit(tx, { actorId, action: 'programme.updated', entity: 'Programme', entityId: programmeId })
      return { ok: true, id: programmeId } as const
    })
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, field: 'slug', error: 'errors.slugTaken' } as const
    throw error
  }
}

/** Publish, unpublish (back to draft) or cancel; cancelling cancels every upcoming session. */
export async function setProgrammeStatus(programmeId: string, status: ProgrammeStatus, actorId: string, reason?: string) {
  await write(async (tx) => {
    await tx.programme.update({ where: { id: programmeId }, data: { status } })
    await writeAudit(tx, {
      actorId,
      action: `programme.${status}`,
      entity: 'Programme',
      entityId: programmeId,
      data: reason ? { reason } : {},
    })
  })
  if (status === 'cancelled') {
    const sessions = await db.session.findMany({ where: { programmeId, status: 'scheduled' }, select: { id: true } })
    for (const s of sessions) await cancelSession(s.id, reason ?? '', actorId)
  }
}
