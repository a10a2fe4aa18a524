import { parse } from 'csv-parse/sync'
import { z } from 'zod'
import { writeAudit } from '~/models/audit/audit.server'
import { db, type Tx, write } from '~/utils/db.server'
import { MEMBER_NO, normaliseMemberNo } from './schemas'

/**
 * Membership numbers count only when verified (docs/decisions/0012-accounts.md): a number
 * matches the federation's register (imported by an admin from its CSV) under the member's
 * own name, or an organiser checks it by hand. A number is verified on one account at most.
 */

/** How names are compared: full-width forms folded, spaces and case ignored. */
const normaliseName = (value: string) => value.normalize('NFKC').replace(/\s+/g, '').toLowerCase()

/**
 * Verify the account's number if the register holds it under the account's name and no other
 * account has it verified. Called when a number is entered (sign-up, profile) and after every
 * import. Returns whether the number is verified now.
 */
export async function verifyMemberNoAgainstRegister(tx: Tx, userId: string, now = new Date()) {
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true, memberNo: true, memberVerifiedAt: true } })
  if (!user.memberNo) return false
  if (user.memberVerifiedAt) return true
  const record = await tx.memberRecord.findUnique({ where: { memberNo: normaliseMemberNo(user.memberNo) }, select: { name: true } })
  if (!record || normaliseName(record.name) !== normaliseName(user.name)) return false
  if (await numberVerifiedElsewhere(tx, userId, user.memberNo)) return false
  await tx.user.update({ where: { id: userId }, data: { memberVerifiedAt: now, memberVerifiedBy: 'register' } })
  await writeAudit(tx, { action: 'member.verified', entity: 'User', entityId: userId, data: { by: 'register' } })
  return true
}

function numberVerifiedElsewhere(tx: Tx, userId: string, memberNo: string) {
  return tx.user
    .findFirst({
      where: { id: { not: userId }, memberNo: { in: [memberNo, normaliseMemberNo(memberNo)] }, memberVerifiedAt: { not: null } },
      select: { id: true },
    })
    .then(Boolean)
}

const HEADERS = {
  memberNo: ['memberno', 'member_no', 'number', '会员证号', '会员号', '会员编号'],
  name: ['name', '姓名'],
  phone: ['phone', 'mobile', '电话', '手机', '手机号', '手机号码'],
  unit: ['unit', 'workunit', 'employer', 'union', '单位', '工作单位', '基层工会', '所属工会'],
} as const

const rowSchema = z.object({
  memberNo: z.string().transform(normaliseMemberNo).pipe(z.string().regex(MEMBER_NO, 'errors.memberNo')),
  name: z.string().trim().min(1, 'errors.required').max(50, 'errors.tooLong'),
  phone: z
    .string()
    .trim()
    .max(20, 'errors.tooLong')
    .transform((v) => v || null),
  unit: z
    .string()
    .trim()
    .max(100, 'errors.tooLong')
    .transform((v) => v || null),
})

export type ImportReport =
  | { ok: false; error: 'members.noHeader' | 'members.unreadable' | 'members.empty' }
  | { ok: true; rows: number; added: number; updated: number; verified: number; problems: { line: number; message: string }[] }

const MAX_PROBLEMS = 20

/**
 * Import (or re-import) the register: every valid row says what its number's record is now
 * (added or replaced); rows with problems are listed by line and skipped; numbers not in the
 * file stay as they were. Afterwards every account waiting with a number is checked again.
 */
export async function importMemberRegister(csv: string, actorId: string, now = new Date()): Promise<ImportReport> {
  let records: string[][]
  try {
    records = parse(csv.replace(/^\uFEFF/, ''), { skip_empty_lines: true, relax_column_count: true, trim: true })
  } catch {
    return { ok: false, error: 'members.unreadable' }
  }
  const [header, ...body] = records
  if (!header) return { ok: false, error: 'members.empty' }
  const names = header.map((h) => h.toLowerCase().replace(/\s+/g, ''))
  const column = (field: keyof typeof HEADERS) => names.findIndex((h) => (HEADERS[field] as readonly string[]).includes(h))
  const columns = { memberNo: column('memberNo'), name: column('name'), phone: column('phone'), unit: column('unit') }
  if (columns.memberNo < 0 || columns.name < 0) return { ok: false, error: 'members.noHeader' }

  const problems: { line: number; message: string }[] = []
  const valid = new Map<string, { memberNo: string; name: string; phone: string | null; unit: string | null }>()
  body.forEach((cells, index) => {
    const parsed = rowSchema.safeParse({
      memberNo: cells[columns.memberNo] ?? '',
      name: cells[columns.name] ?? '',
      phone: columns.phone >= 0 ? (cells[columns.phone] ?? '') : '',
      unit: columns.unit >= 0 ? (cells[columns.unit] ?? '') : '',
    })
    if (parsed.success) valid.set(parsed.data.memberNo, parsed.data)
    else if (problems.length < MAX_PROBLEMS)
      problems.push({ line: index + 2, message: parsed.error.issues[0]?.message ?? 'errors.invalid' })
  })
  if (body.length === 0) return { ok: false, error: 'members.empty' }

  const rows = [...valid.values()]
  return write(
    async (tx) => {
      let updated = 0
      for (let i = 0; i < rows.length; i += 500) {
        const chunk = rows.slice(i, i + 500)
        const replaced = await tx.memberRecord.deleteMany({ where: { memberNo: { in: chunk.map((r) => r.memberNo) } } })
        updated += replaced.count
        await tx.memberRecord.createMany({ data: chunk.map((r) => ({ ...r, importedAt: now })) })
      }
      const waiting = await tx.user.findMany({ where: { memberNo: { not: null }, memberVerifiedAt: null }, select: { id: true } })
      let verified = 0
      for (const user of waiting) if (await verifyMemberNoAgainstRegister(tx, user.id, now)) verified += 1
      const report = { rows: rows.length, added: rows.length - updated, updated, verified, skipped: body.length - rows.length }
      await writeAudit(tx, { actorId, action: 'member-register.imported', entity: 'MemberRecord', entityId: '*', data: report })
      return { ok: true, rows: rows.length, added: rows.length - updated, updated, verified, problems } as const
    },
    { timeout: 60_000 },
  )
}

/** Accounts with a number that is not verified, and what the register says of that number. */
/**
 * Membership numbers waiting for a check by hand, for the members page. Checking needs the name
 * and the number (against the register); how to reach the member — email, phone — is shown only
 * to an admin, or to an organiser of a department where the member has a booking or a lottery
 * application (least access: docs/decisions/0016-accounts-under-attack.md).
 */
export async function pendingMemberClaims(viewer: { role: string; departmentId: string | null }) {
  const users = await db.user.findMany({
    where: { memberNo: { not: null }, memberVerifiedAt: null, erasedAt: null },
    orderBy: { createdAt: 'asc' },
    take: 200,
    select: { id: true, name: true, email: true, phone: true, memberNo: true },
  })
  const ids = users.map((u) => u.id)
  const department = viewer.departmentId ?? '__none__'
  const ours =
    viewer.role === 'admin'
      ? new Set(ids)
      : new Set(
          [
            ...(await db.booking.findMany({
              where: { bookerId: { in: ids }, session: { programme: { departmentId: department } } },
              select: { bookerId: true },
            })),
            ...(await db.lotteryEntry.findMany({
              where: { applicantId: { in: ids }, programme: { departmentId: department } },
              select: { applicantId: true },
            })),
          ].map((row) => ('bookerId' in row ? row.bookerId : row.applicantId)),
        )
  const records = await db.memberRecord.findMany({
    where: { memberNo: { in: users.map((u) => normaliseMemberNo(u.memberNo ?? '')) } },
    select: { memberNo: true, name: true },
  })
  const registerName = new Map(records.map((r) => [r.memberNo, r.name]))
  const total = await db.memberRecord.count()
  return {
    total,
    claims: users.map((u) => ({
      id: u.id,
      name: u.name,
      memberNo: u.memberNo,
      email: ours.has(u.id) ? u.email : null,
      phone: ours.has(u.id) ? u.phone : null,
      registerName: registerName.get(normaliseMemberNo(u.memberNo ?? '')) ?? null,
    })),
  }
}

/** An organiser has checked the number (the card, a call to the grassroots union): it counts. */
export function verifyMemberByHand(userId: string, actorId: string, now = new Date()) {
  return write(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { memberNo: true, memberVerifiedAt: true } })
    if (!user?.memberNo) return { ok: false, error: 'errors.invalid' } as const
    if (user.memberVerifiedAt) return { ok: true } as const
    if (await numberVerifiedElsewhere(tx, userId, user.memberNo)) return { ok: false, error: 'members.numberTaken' } as const
    await tx.user.update({ where: { id: userId }, data: { memberVerifiedAt: now, memberVerifiedBy: actorId } })
    await writeAudit(tx, {
      actorId,
      action: 'member.verified',
      entity: 'User',
      entityId: userId,
      data: { by: 'organiser', memberNo: user.memberNo },
    })
    return { ok: true } as const
  })
}
