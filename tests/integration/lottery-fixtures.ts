import { expect } from 'vitest'
import { applyToLottery } from '~/models/lottery/entries.server'
import { FREEZE_GRACE_MS } from '~/models/lottery/freeze.server'
import { recordPublicValue, runDueLotteries } from '~/models/lottery/run.server'
import { db } from '~/utils/db.server'
import { shanghaiTime } from '~/utils/time'
import { createChild, createDepartment, createProgramme, createSession, createUser } from '../factories'
import { DAY, testClock } from '../clock'

// Lotteries for the tests: a camp by lottery, families that apply, the public value entered.

/** A children's camp by lottery: window open now, closing in a day, drawn two days from now. */
export async function lotteryCamp(
  options: { capacity?: number[]; tiers?: string; waitlistMode?: 'auto' | 'offer'; quotas?: boolean } = {},
) {
  const clock = testClock()
  const dept = await createDepartment(db)
  const programme = await createProgramme(
    db,
    dept.id,
    {
      kind: 'camp',
      audience: 'child',
      minAge: 6,
      maxAge: 12,
      membersOnly: true,
      allocation: 'lottery',
      bookingClosesAt: clock.plus(DAY),
      drawAt: clock.plus(2 * DAY),
      priorityTiers: options.tiers ?? '',
      waitlistMode: options.waitlistMode ?? 'auto',
    },
    clock.now,
  )
  const sessions = []
  for (const [i, capacity] of (options.capacity ?? [2, 2]).entries()) {
    sessions.push(
      await createSession(
        db,
        programme.id,
        {
          startsAt: clock.plus((30 + 14 * i) * DAY),
          capacity,
          quotas: options.quotas
            ? [
                { category: 'male', capacity: 1 },
                { category: 'female', capacity: 1 },
              ]
            : undefined,
        },
        clock.now,
      ),
    )
  }
  return { ...clock, programme, sessions, afterClose: clock.plus(DAY + FREEZE_GRACE_MS), atDraw: clock.plus(2 * DAY) }
}

/** The public value is announced and entered at the draw time; the job draws. */
export async function drawLottery(camp: { programme: { id: string }; atDraw: Date }, value = '04 09 15 22 27 31 12') {
  expect(await recordPublicValue(camp.programme.id, { value, from: 'primary' }, null, camp.atDraw)).toEqual({ ok: true })
  await runDueLotteries(camp.atDraw)
}

/** A family applies, siblings together, on the day the window is open: the first session, or the choices given. */
export function applyFor(
  camp: { now: Date; programme: { id: string }; sessions: { id: string }[] },
  f: { parent: { id: string }; childIds: string[] },
  choices = [camp.sessions[0].id],
) {
  return applyToLottery({
    userId: f.parent.id,
    programmeId: camp.programme.id,
    childIds: f.childIds,
    choices,
    together: true,
    now: camp.now,
  })
}

const year = (now: Date) => Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Asia/Shanghai' }).format(now))
export const childAged = (now: Date, age: number) => shanghaiTime(`${year(now) - age}-01-15`)

export async function family(now: Date, kids: number, name = '王小芳') {
  const parent = await createUser(db, { name })
  const children = []
  for (let i = 0; i < kids; i++)
    children.push(await createChild(db, parent.id, { birthDate: childAged(now, 8), gender: i % 2 ? 'female' : 'male' }))
  return { parent, children, childIds: children.map((c) => c.id) }
}
