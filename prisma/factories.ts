// Factories shared by the demo seed (prisma/seed.ts) and the tests (through tests/factories.ts), so both build data the
// same way. Each takes the Prisma client to write with; those whose defaults are dates take
// the `now` they are relative to (tests own their clock: tests/clock.ts).
import { NOTICE_VERSION } from '~/models/consent/notice'
import { newCalendarToken } from '~/models/user/calendar-token.server'
import type { PrismaClient } from '../generated/prisma/client'
import { encryptField } from '~/utils/field-crypto.server'
import { shanghaiTime } from '~/utils/time'

/** bcrypt hash of DEMO_PASSWORD, precomputed so making 200 test members stays fast. */
export const DEMO_PASSWORD = 'carnation123'
const DEMO_PASSWORD_HASH = '$2b$10$XqZw8jt/oBnA7JwaI0dSVu0EtZI0wqbYNO2kMv3IZ1DGN2zT0cMHG'

let counter = 0
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`
const DAY = 24 * 60 * 60 * 1000
// a fixed past moment for facts settled before any test's clock (never today's date)
const LONG_AGO = new Date('2020-01-01T00:00:00Z')

export function createDepartment(
  db: PrismaClient,
  data: Partial<{ slug: string; nameZh: string; nameEn: string; email: string; phone: string }> = {},
) {
  const slug = data.slug ?? `dept-${unique()}`
  return db.department.create({
    data: { slug, nameZh: '测试部', nameEn: 'Test department', email: `${slug}@union.example.cn`, ...data },
  })
}

export function createUser(
  db: PrismaClient,
  data: Partial<{
    email: string
    name: string
    role: 'member' | 'organiser' | 'admin'
    phone: string
    gender: 'female' | 'male'
    birthDate: Date
    memberNo: string | null
    locale: string
    departmentId: string
    /** the address proved by its link (default: yes, long ago) */
    emailVerified: boolean
    /** the membership number verified against the register (default: yes, when there is one) */
    memberVerified: boolean
  }> = {},
) {
  const id = unique()
  const { emailVerified = true, memberVerified = true, ...fields } = data
  const memberNo = fields.memberNo === undefined ? `M${id}`.slice(0, 20) : fields.memberNo
  return db.user.create({
    data: {
      email: `member-${id}@example.cn`,
      name: `会员${id}`,
      phone: '13800000000',
      gender: 'female',
      birthDate: shanghaiTime('1996-05-01'),
      passwordHash: DEMO_PASSWORD_HASH,
      calendarToken: newCalendarToken(),
      ...fields,
      memberNo,
      emailVerifiedAt: emailVerified ? LONG_AGO : null,
      noticeVersion: NOTICE_VERSION,
      memberVerifiedAt: memberNo && memberVerified ? LONG_AGO : null,
      memberVerifiedBy: memberNo && memberVerified ? 'register' : null,
    },
  })
}

export function createChild(
  db: PrismaClient,
  guardianId: string,
  data: Partial<{ name: string; birthDate: Date; gender: 'female' | 'male'; notes: string }> = {},
) {
  const { notes, ...fields } = data
  return db.child.create({
    // notes at rest are encrypted, as the app writes them
    data: {
      guardianId,
      name: `孩子${unique()}`,
      birthDate: shanghaiTime('2017-03-15'),
      gender: 'male',
      ...fields,
      notes: encryptField(notes),
      // the guardian's separate consents, as the child form records them
      consents: {
        create: (notes ? ['child-data', 'health-notes'] : ['child-data']).map((kind) => ({
          userId: guardianId,
          kind,
          noticeVersion: NOTICE_VERSION,
          grantedAt: LONG_AGO,
        })),
      },
    },
  })
}

export type ProgrammeData = Partial<{
  slug: string
  kind: 'camp' | 'social' | 'training' | 'checkup'
  titleZh: string
  titleEn: string
  summaryZh: string
  summaryEn: string
  descriptionZh: string
  descriptionEn: string
  audience: 'self' | 'child'
  minAge: number | null
  maxAge: number | null
  membersOnly: boolean
  bookingOpensAt: Date
  bookingClosesAt: Date
  cancelDeadlineHours: number
  waitlistMode: 'auto' | 'offer'
  offerHours: number
  perBookerLimit: number | null
  contactPhone: string
  status: 'draft' | 'published' | 'cancelled'
  allocation: 'first-come' | 'lottery'
  drawAt: Date | null
  drawSource: string
  drawFallback: string
  priorityTiers: string
  mutualChoice: boolean
  mutualChoiceMax: number
  /** JSON rules; null = the kind's defaults (app/models/reminders/rules.ts) */
  reminderRules: string | null
  prepareZh: string
  prepareEn: string
}>

/** The public value a demo or test lottery names (docs/decisions/0015-lottery.md): a real kind of source, marked as an example. */
export const EXAMPLE_DRAW_SOURCE = {
  drawSource: '中国福利彩票“双色球”摇号当日晚间开奖的全部 7 个号码，按公布顺序（示例）',
  drawFallback: '若当日未开奖：同一玩法下一期开奖号码（示例）',
}

/** A published programme whose booking opened a day before `now` and closes 60 days after it. */
export function createProgramme(db: PrismaClient, departmentId: string, data: ProgrammeData, now: Date) {
  const slug = data.slug ?? `programme-${unique()}`
  return db.programme.create({
    data: {
      slug,
      departmentId,
      kind: 'training',
      titleZh: '测试活动',
      titleEn: 'Test programme',
      summaryZh: '简介',
      summaryEn: 'Summary',
      descriptionZh: '详细介绍',
      descriptionEn: 'Description',
      audience: 'self',
      bookingOpensAt: new Date(now.getTime() - DAY),
      bookingClosesAt: new Date(now.getTime() + 60 * DAY),
      status: 'published',
      // no reminders unless a test asks for them: a test's mail counts stay its own
      reminderRules: '[]',
      ...(data.allocation === 'lottery' ? EXAMPLE_DRAW_SOURCE : {}),
      ...data,
    },
  })
}

/** A two-hour session, by default 30 days after `now`. */
export function createSession(
  db: PrismaClient,
  programmeId: string,
  data: Partial<{
    startsAt: Date
    endsAt: Date
    repeatDays: string
    repeatUntil: Date
    excludedDates: string
    placeZh: string
    placeEn: string
    capacity: number
    quotas: { category: 'female' | 'male'; capacity: number }[]
  }>,
  now: Date,
) {
  const { quotas, ...rest } = data
  const startsAt = rest.startsAt ?? new Date(now.getTime() + 30 * DAY)
  return db.session.create({
    data: {
      programmeId,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * 60 * 60 * 1000),
      placeZh: '市总工会职工服务中心',
      placeEn: 'Federation Workers’ Service Centre',
      capacity: 20,
      ...rest,
      quotas: quotas ? { create: quotas } : undefined,
    },
    include: { quotas: true },
  })
}

/** A registration question on a programme (after the ones it has), as the organiser's form makes it. */
export async function createQuestion(
  db: PrismaClient,
  programmeId: string,
  data: Partial<{
    type: 'text' | 'longtext' | 'number' | 'choice' | 'multi' | 'yesno' | 'date' | 'phone'
    labelZh: string
    labelEn: string
    helpZh: string
    options: { id: string; zh: string; en: string }[]
    required: boolean
    scope: 'attendee' | 'booking'
    sensitive: boolean
    atDoor: boolean
    conditionQuestionId: string
    conditionValue: string
  }> = {},
) {
  const last = await db.question.findFirst({ where: { programmeId }, orderBy: { position: 'desc' }, select: { position: true } })
  const { options, ...rest } = data
  return db.question.create({
    data: {
      programmeId,
      position: (last?.position ?? 0) + 1,
      type: 'text',
      labelZh: `问题${unique()}`,
      ...rest,
      options: JSON.stringify(options ?? []),
    },
  })
}
