import { db, isUniqueViolation, write } from '~/utils/db.server'
import { writeAudit } from '~/models/audit/audit.server'
import { sendVerificationMail } from './account.server'
import { recordConsent } from '~/models/consent/consent.server'
import { NOTICE_VERSION } from '~/models/consent/notice'
import { newCalendarToken } from './calendar-token.server'
import { verifyMemberNoAgainstRegister } from './member-register.server'
import { hashPassword, verifyPassword } from './password.server'
import type { SignupInput } from './schemas'
import { refuse, type Result } from '~/models/result'

// A fixed hash so an unknown email costs as much time as a wrong password.
const DUMMY_HASH = '$2b$10$kxiR7L/OqNK32Q4y28a3xO3A9xN4IaPgDhqgayQLO9GiJCe.ttCf2'

export async function verifyLogin(email: string, password: string) {
  const user = await db.user.findUnique({
    where: { email: email.toLowerCase() },
    select: { id: true, passwordHash: true },
  })
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH)
  return ok && user ? { id: user.id } : null
}

export type SignupResult = Result<{ userId: string }, 'auth.emailTaken'>

export async function signUp(input: SignupInput, locale: string): Promise<SignupResult> {
  const email = input.email.toLowerCase()
  // the cheap refusal first: bcrypt costs ~50 ms of CPU, not to be spent on a taken address
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) return refuse('auth.emailTaken')
  const passwordHash = await hashPassword(input.password)
  try {
    const user = await write(async (tx) => {
      const created = await tx.user.create({
        data: {
          email,
          passwordHash,
          name: input.name,
          phone: input.phone,
          gender: input.gender,
          birthDate: input.birthDate,
          memberNo: input.memberNo ?? null,
          locale,
          calendarToken: newCalendarToken(),
          noticeVersion: NOTICE_VERSION,
        },
        select: { id: true, email: true, locale: true },
      })
      await writeAudit(tx, { actorId: created.id, action: 'user.signup', entity: 'User', entityId: created.id })
      await recordConsent(tx, { userId: created.id, kind: 'notice' })
      await sendVerificationMail(tx, created)
      await verifyMemberNoAgainstRegister(tx, created.id)
      return created
    })
    return { ok: true, userId: user.id }
  } catch (error) {
    if (isUniqueViolation(error)) return refuse('auth.emailTaken')
    throw error
  }
}
