// Demo data from the federation newsletter the product grew from: the programmes the women
// workers' department and the grassroots department actually run. Built with the same
// factories as the tests (prisma/factories.ts).
import type { PrismaClient } from '../generated/prisma/client'
import { addDays, nextWeekday, shanghaiDay, shanghaiTime } from '~/utils/time'
import { applyToLottery } from '~/models/lottery/entries.server'
import { freezeLottery } from '~/models/lottery/freeze.server'
import { recordPublicValue, runDraw } from '~/models/lottery/run.server'
import { createChild, createDepartment, createProgramme, createQuestion, createSession, createUser } from './factories'
import { campQuestions, seedRunningProgrammes, seedSocialTonight } from './seed-running'

export const DEMO_ACCOUNTS = {
  member: 'member@carnation.test',
  youth: 'youth@carnation.test',
  womenOrganiser: 'women@carnation.test',
  grassrootsOrganiser: 'grassroots@carnation.test',
  admin: 'admin@carnation.test',
} as const

const DAY = 24 * 60 * 60 * 1000

/** The summer the demo camps run in: this year's until June, then next year's, so that term 1 is always ahead. */
export function demoCampYear(now: Date) {
  const [year, month] = shanghaiDay(now).split('-').map(Number)
  return month < 6 ? year : year + 1
}

/** Where the demo camp terms live (e2e tests open them by this, never by a literal year). */
export const demoCampSlug = (now: Date, term: number) => `summer-camp-${demoCampYear(now)}-term-${term}`

export async function seedDemoData(db: PrismaClient, now = new Date()) {
  const women = await createDepartment(db, {
    slug: 'women-workers',
    nameZh: '市总工会女工部',
    nameEn: 'Women Workers’ Department',
    email: 'women@union.example.cn',
    phone: '0515-88000001',
  })
  const grassroots = await createDepartment(db, {
    slug: 'grassroots',
    nameZh: '市总工会基层部',
    nameEn: 'Grassroots Department',
    email: 'grassroots@union.example.cn',
    phone: '0515-88000002',
  })

  // ages, not birth years, are what the demo needs: 30, and two children of 9 and 7 at the
  // coming camp, whatever year the demo is started in
  const campYear = demoCampYear(now)
  const member = await createUser(db, {
    email: DEMO_ACCOUNTS.member,
    name: '王芳',
    gender: 'female',
    birthDate: shanghaiTime(`${campYear - 31}-04-18`),
    phone: '13912345678',
    memberNo: 'YC2024001',
  })
  // a corner of the federation's member register, as an admin would import it
  await db.memberRecord.createMany({
    data: [
      { memberNo: 'YC2024001', name: '王芳', phone: '13912345678', unit: '盐城港务集团工会', importedAt: now },
      { memberNo: 'YC2024002', name: '刘洋', phone: '13912345679', unit: '市第一人民医院工会', importedAt: now },
      { memberNo: 'YC2024003', name: '赵敏', phone: null, unit: '盐城港务集团工会', importedAt: now },
    ],
  })
  const elder = await createChild(db, member.id, { name: '李小明', birthDate: shanghaiTime(`${campYear - 10}-09-02`), gender: 'male' })
  const younger = await createChild(db, member.id, {
    name: '李小雨',
    birthDate: shanghaiTime(`${campYear - 8}-05-20`),
    gender: 'female',
    notes: '对花生过敏',
  })
  const womenOrganiser = await createUser(db, {
    email: DEMO_ACCOUNTS.womenOrganiser,
    name: '陈静（女工部）',
    role: 'organiser',
    departmentId: women.id,
  })
  await createUser(db, {
    email: DEMO_ACCOUNTS.grassrootsOrganiser,
    name: '张强（基层部）',
    role: 'organiser',
    gender: 'male',
    departmentId: grassroots.id,
  })
  await createUser(db, { email: DEMO_ACCOUNTS.admin, name: '系统管理员', role: 'admin' })

  // Next summer: two camp terms, weekdays 8:30–17:00, children 6–12.
  const year = demoCampYear(now)
  const campText = {
    kind: 'camp' as const,
    audience: 'child' as const,
    minAge: 6,
    maxAge: 12,
    membersOnly: true,
    cancelDeadlineHours: 72,
    waitlistMode: 'offer' as const,
    offerHours: 24,
    contactPhone: '0515-88000001',
    // the kind's reminders: the evening before the first day
    reminderRules: null,
    prepareZh: '水杯、遮阳帽、一套换洗衣服；午休用的小毯子。有过敏或需要服药请在孩子资料里注明。',
    prepareEn:
      'A water bottle, a sun hat and a change of clothes; a small blanket for the nap. Note allergies or medicines on the child’s profile.',
    descriptionZh:
      '以工会暑期实践课的形式，将劳模精神、劳动精神、工匠精神融入职工子女托管服务，培养“小小劳动者”。\n内容包括职业体验、非遗传承、科技发展、走进工会等，每个工作日 8:30–17:00，含午餐和午休。',
    descriptionEn:
      'A union summer practice course that brings the spirit of model workers and craftsmanship into day care for members’ children.\nJob-taster days, intangible-heritage crafts, science and a visit to the union; every weekday 8:30–17:00, lunch and a nap included.',
  }
  // term 1 first come, first served (opened two days ago); term 2 by lottery, its application
  // window open now and drawn a day after it closes (docs/decisions/0015-lottery.md)
  const terms = [
    { n: 1, from: `${year}-07-05`, to: `${year}-07-23`, opens: new Date(now.getTime() - 2 * DAY), lottery: false },
    { n: 2, from: `${year}-07-26`, to: `${year}-08-13`, opens: new Date(now.getTime() - DAY), lottery: true },
  ]
  for (const term of terms) {
    const closes = term.lottery
      ? new Date(Math.min(now.getTime() + 14 * DAY, shanghaiTime(addDays(term.from, -10), '17:00').getTime()))
      : shanghaiTime(addDays(term.from, -7), '17:00')
    const programme = await createProgramme(
      db,
      women.id,
      {
        ...campText,
        slug: demoCampSlug(now, term.n),
        titleZh: `${year} 年职工子女暑托班（第${term.n === 1 ? '一' : '二'}期）`,
        titleEn: `${year} Summer Day Camp for Members’ Children, Term ${term.n}`,
        summaryZh: '职业体验、非遗传承、科技启蒙，工作日全天托管。',
        summaryEn: 'Job tasters, heritage crafts and science: full-day weekday care.',
        bookingOpensAt: term.opens,
        bookingClosesAt: closes,
        ...(term.lottery
          ? { allocation: 'lottery' as const, drawAt: new Date(closes.getTime() + DAY), priorityTiers: 'new-first,no-show-last' }
          : {}),
      },
      now,
    )
    // the questions a camp asks at booking (first come, first served term; docs/decisions/0022)
    if (!term.lottery) await campQuestions(db, programme.id)
    await createSession(
      db,
      programme.id,
      {
        startsAt: shanghaiTime(term.from, '08:30'),
        endsAt: shanghaiTime(term.from, '17:00'),
        repeatDays: 'MO,TU,WE,TH,FR',
        repeatUntil: shanghaiTime(term.to, '17:00'),
        placeZh: '盐城市工人文化宫 三楼活动室',
        placeEn: 'Yancheng Workers’ Cultural Palace, 3rd-floor activity rooms',
        capacity: 40,
      },
      now,
    )
  }

  // The 8th youth workers' social: 22–35, members only, 30 women / 30 men.
  const socialDay = addDays(shanghaiDay(now), 24)
  const social = await createProgramme(
    db,
    women.id,
    {
      slug: 'youth-social-8',
      kind: 'social',
      titleZh: '“会聚良缘·春风报信来”第八届青年职工交友活动',
      titleEn: 'The 8th Young Workers’ Social: “Spring Breeze Brings Good News”',
      summaryZh: '缘起月亮湾：为单身青年职工搭建交友平台。',
      summaryEn: 'An afternoon at Moon Bay for single young union members to meet.',
      descriptionZh: '市总工会主动融入人才强市战略，为单身青年职工搭建平台聚良缘。\n活动含破冰游戏、团队协作和自由交流，男女各 30 名。',
      descriptionEn:
        'Part of the city’s talent strategy: a platform for single young workers to meet.\nIce-breakers, team games and free conversation; 30 women and 30 men.',
      audience: 'self',
      minAge: 22,
      maxAge: 35,
      membersOnly: true,
      waitlistMode: 'offer',
      offerHours: 24,
      cancelDeadlineHours: 48,
      contactPhone: '0515-88000001',
      reminderRules: null,
      prepareZh: '请带上会员证；着装轻松得体。',
      prepareEn: 'Bring your union membership card; come as you are, smart casual.',
      bookingOpensAt: new Date(now.getTime() - DAY),
      bookingClosesAt: shanghaiTime(addDays(socialDay, -3), '18:00'),
      // the mutual-choice round (互选) on the participants' phones, up to 3 numbers each
      mutualChoice: true,
      mutualChoiceMax: 3,
    },
    now,
  )
  await createSession(
    db,
    social.id,
    {
      startsAt: shanghaiTime(socialDay, '14:00'),
      endsAt: shanghaiTime(socialDay, '17:30'),
      placeZh: '月亮湾生态园',
      placeEn: 'Moon Bay Eco-Park',
      capacity: 60,
      quotas: [
        { category: 'female', capacity: 30 },
        { category: 'male', capacity: 30 },
      ],
    },
    now,
  )

  // Childcare-worker (育婴员) training: one course meeting five Saturdays.
  const firstSaturday = nextWeekday(addDays(shanghaiDay(now), 14), 6)
  const training = await createProgramme(
    db,
    women.id,
    {
      slug: 'childcare-worker-training',
      kind: 'training',
      titleZh: '育婴员职业技能培训班',
      titleEn: 'Childcare Worker (Yuyingyuan) Skills Course',
      summaryZh: '五次课，结业可参加育婴员职业技能等级认定。',
      summaryEn: 'Five meetings; completing them qualifies you for the certification exam.',
      descriptionZh: '面向女职工的育婴员技能培训，共五次课（每周六上午）。出勤满五次方可参加等级认定，请按时签到。',
      descriptionEn:
        'Childcare skills training for women workers: five Saturday mornings. All five meetings are needed for the certificate, so check in each time.',
      audience: 'self',
      minAge: 18,
      maxAge: 55,
      membersOnly: true,
      waitlistMode: 'auto',
      cancelDeadlineHours: 24,
      perBookerLimit: 1,
      // the kind's reminders: the evening before each class
      reminderRules: null,
      prepareZh: '笔记本和笔；第一次课带身份证复印件（报名等级认定用）。',
      prepareEn: 'A notebook and a pen; at the first class, a copy of your ID card (for the certification exam).',
      bookingOpensAt: new Date(now.getTime() - 3 * DAY),
      bookingClosesAt: shanghaiTime(addDays(firstSaturday, -2), '17:00'),
    },
    now,
  )
  // the certificate needs the participant's employer and ID number (sealed: a sensitive question)
  await createQuestion(db, training.id, {
    labelZh: '工作单位',
    labelEn: 'Employer',
    helpZh: '写在结业证书上',
    required: true,
    atDoor: true,
  })
  await createQuestion(db, training.id, {
    labelZh: '身份证号码',
    labelEn: 'ID card number',
    helpZh: '职业技能等级认定报名用',
    required: true,
    sensitive: true,
  })
  await createSession(
    db,
    training.id,
    {
      startsAt: shanghaiTime(firstSaturday, '09:00'),
      endsAt: shanghaiTime(firstSaturday, '11:30'),
      repeatDays: 'SA',
      repeatUntil: shanghaiTime(addDays(firstSaturday, 28), '11:30'),
      placeZh: '市总工会职工培训中心 201 教室',
      placeEn: 'Federation Training Centre, Room 201',
      capacity: 30,
    },
    now,
  )

  // Free health check-ups for truck drivers: three days of 20-minute slots, 4 places each.
  const checkup = await createProgramme(
    db,
    grassroots.id,
    {
      slug: 'truck-driver-checkups',
      kind: 'checkup',
      titleZh: '货车司机免费健康体检',
      titleEn: 'Free Health Check-ups for Truck Drivers',
      summaryZh: '新就业形态劳动者关爱行动：选一个 20 分钟的时段。',
      summaryEn: 'Care for new-economy workers: pick a 20-minute slot.',
      descriptionZh: '为入会货车司机提供免费健康体检，请空腹前来并携带身份证。地点在卡友之家。',
      descriptionEn: 'Free check-ups for truck drivers who are union members. Come fasting and bring your ID card.',
      // the evening before at 18:00, and 2 hours before: fasting starts the night before
      reminderRules: JSON.stringify([
        { type: 'days', days: 1, at: '18:00', meetings: 'first' },
        { type: 'hours', hours: 2, meetings: 'first' },
      ]),
      prepareZh: '空腹（前一晚 22:00 后不再进食）；带身份证和工会会员证。',
      prepareEn: 'Come fasting (nothing to eat after 22:00 the night before); bring your ID card and union membership card.',
      audience: 'self',
      membersOnly: true,
      waitlistMode: 'auto',
      cancelDeadlineHours: 12,
      contactPhone: '0515-88000002',
      bookingOpensAt: new Date(now.getTime() - DAY),
      bookingClosesAt: shanghaiTime(addDays(shanghaiDay(now), 30), '17:00'),
    },
    now,
  )
  for (let d = 0; d < 3; d++) {
    const day = addDays(shanghaiDay(now), 10 + d)
    for (let minutes = 8 * 60; minutes < 11 * 60; minutes += 20) {
      const start = shanghaiTime(day, hhmm(minutes))
      await createSession(
        db,
        checkup.id,
        {
          startsAt: start,
          endsAt: shanghaiTime(day, hhmm(minutes + 20)),
          placeZh: '卡友之家（开发区物流园）',
          placeEn: 'Truckers’ Home, Logistics Park',
          capacity: 4,
        },
        now,
      )
    }
  }

  await seedDrawnWinterCamp(db, women.id, now)
  await seedPastSocial(db, women.id, now)
  await seedSocialTonight(db, { departmentId: women.id, organiserId: womenOrganiser.id, youthEmail: DEMO_ACCOUNTS.youth, now })
  await seedRunningProgrammes(db, { departmentId: women.id, organiserId: womenOrganiser.id, member, childIds: [elder.id, younger.id], now })
}

/**
 * A winter-holiday camp (寒托班) already drawn by lottery: families applied, the window closed,
 * the entries were frozen (committed with the named public source), the public value entered a
 * day later and the draw run by the product's own code, so its results page tells the whole
 * story, its record downloads and verifies with public/verify-lottery.mjs, and
 * `npm run lottery:verify -- <slug>` passes on it.
 */
async function seedDrawnWinterCamp(db: PrismaClient, departmentId: string, now: Date) {
  const first = nextWeekday(addDays(shanghaiDay(now), 40), 1)
  const year = first.slice(0, 4)
  const programme = await createProgramme(
    db,
    departmentId,
    {
      slug: WINTER_CAMP_SLUG,
      kind: 'camp',
      audience: 'child',
      minAge: 6,
      maxAge: 12,
      membersOnly: true,
      waitlistMode: 'auto',
      offerHours: 24,
      cancelDeadlineHours: 72,
      contactPhone: '0515-88000001',
      titleZh: `${year} 年寒假职工子女托管班（寒托班）`,
      titleEn: `${year} Winter-Holiday Day Camp for Members’ Children`,
      summaryZh: '寒假两期，摇号分配名额，结果已公布。',
      summaryEn: 'Two winter terms; places drawn by lottery, results published.',
      descriptionZh: '寒假期间为职工子女提供看护和兴趣课程，工作日 8:30–17:00。名额有限，以公开摇号方式分配。',
      descriptionEn:
        'Care and activity classes for members’ children in the winter holiday, weekdays 8:30–17:00. Places are few and drawn by public lottery.',
      bookingOpensAt: new Date(now.getTime() - 20 * DAY),
      bookingClosesAt: new Date(now.getTime() - 6 * DAY),
      drawAt: new Date(now.getTime() - 5 * DAY),
      allocation: 'lottery',
      priorityTiers: 'new-first',
    },
    now,
  )
  const sessions = []
  for (const [i, from] of [first, addDays(first, 14)].entries()) {
    sessions.push(
      await createSession(
        db,
        programme.id,
        {
          startsAt: shanghaiTime(from, '08:30'),
          endsAt: shanghaiTime(from, '17:00'),
          repeatDays: 'MO,TU,WE,TH,FR',
          repeatUntil: shanghaiTime(addDays(from, 11), '17:00'),
          placeZh: i === 0 ? '盐城市工人文化宫 二楼' : '盐城市职工服务中心 一楼',
          placeEn: i === 0 ? 'Workers’ Cultural Palace, 2nd floor' : 'Workers’ Service Centre, ground floor',
          capacity: 6,
        },
        now,
      ),
    )
  }
  const families = [
    '张丽华',
    '刘洋',
    '陈晨曦',
    '杨帆',
    '黄静怡',
    '赵磊',
    '周婷婷',
    '吴昊',
    '徐敏',
    '孙悦然',
    '马骏',
    '朱琳',
    '胡雪梅',
    '郭涛',
  ]
  const applied = new Date(now.getTime() - 10 * DAY)
  for (const [i, name] of families.entries()) {
    const parent = await createUser(db, { name, gender: i % 2 ? 'male' : 'female', email: `family${i + 1}@carnation.test` })
    const kids = i % 4 === 0 ? 2 : 1
    const childIds = []
    for (let k = 0; k < kids; k++) {
      const child = await createChild(db, parent.id, {
        name: `${name.slice(0, 1)}${k === 0 ? '小宇' : '小雪'}`,
        birthDate: shanghaiTime(`${Number(year) - 7 - ((i + k) % 5)}-03-0${k + 1}`),
        gender: k === 0 ? 'male' : 'female',
      })
      childIds.push(child.id)
    }
    const choices = i % 3 === 0 ? [sessions[1].id, sessions[0].id] : [sessions[0].id, sessions[1].id]
    await applyToLottery({ userId: parent.id, programmeId: programme.id, childIds, choices, together: true, now: applied })
  }
  await freezeLottery(programme.id, new Date(now.getTime() - 6 * DAY + 2 * 60 * 1000))
  // the named public value, entered once it was known (an example, as the source says)
  const drawnAt = new Date(now.getTime() - 5 * DAY)
  await recordPublicValue(programme.id, { value: '04 09 15 22 27 31 12', from: 'primary' }, null, drawnAt)
  await runDraw(programme.id, { actorId: null, now: drawnAt })
}

/**
 * The 7th youth social, five weeks ago: its mutual-choice round closed the evening of the social
 * and its choices were deleted a week later, as they always are — what is left is what any
 * finished round keeps, the counts.
 */
async function seedPastSocial(db: PrismaClient, departmentId: string, now: Date) {
  const day = addDays(shanghaiDay(now), -35)
  const programme = await createProgramme(
    db,
    departmentId,
    {
      slug: 'youth-social-7',
      kind: 'social',
      titleZh: '“会聚良缘”第七届青年职工交友活动',
      titleEn: 'The 7th Young Workers’ Social',
      summaryZh: '已结束：52 人参加，9 对互选成功。',
      summaryEn: 'Held: 52 took part, 9 mutual pairs.',
      descriptionZh: '上一届交友活动。互选记录已按规定在活动一周后删除，只保留人数统计。',
      descriptionEn: 'The previous social. Its mutual-choice records were deleted a week after it, as promised; only the counts remain.',
      audience: 'self',
      minAge: 22,
      maxAge: 35,
      membersOnly: true,
      bookingOpensAt: new Date(now.getTime() - 60 * DAY),
      bookingClosesAt: shanghaiTime(addDays(day, -3), '18:00'),
      mutualChoice: true,
    },
    now,
  )
  const session = await createSession(
    db,
    programme.id,
    {
      startsAt: shanghaiTime(day, '14:00'),
      endsAt: shanghaiTime(day, '17:30'),
      placeZh: '大洋湾景区',
      placeEn: 'Dayang Bay',
      capacity: 60,
    },
    now,
  )
  await db.choiceRound.create({
    data: {
      sessionId: session.id,
      status: 'closed',
      openedAt: shanghaiTime(day, '17:00'),
      closedAt: shanghaiTime(day, '17:25'),
      participants: 52,
      pairs: 9,
      purgedAt: shanghaiTime(addDays(day, 7), '17:25'),
    },
  })
}

/** Where the drawn demo winter camp lives (tests and the README's lottery:verify example). */
export const WINTER_CAMP_SLUG = 'winter-camp'

function hhmm(minutes: number) {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}
