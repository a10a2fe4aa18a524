// Demo data for the programme once it runs: a childcare camp meeting today (arrivals, a child
// collected by someone from the guardian's list, an excused child, a late pick-up after the
// day's end) and a course that ended last week with a completer and a certificate to open.
// Recorded through the product's own code (app/models/attendance), as organisers would.
import type { PrismaClient } from '../generated/prisma/client'
import { reportAbsence } from '~/models/attendance/absence.server'
import { markAbsences } from '~/models/attendance/absences.server'
import { recordArrival, recordPickup } from '~/models/attendance/register.server'
import { bookSession } from '~/models/booking/book-session.server'
import { addPickupPerson } from '~/models/child/pickups.server'
import { saveChoices, saveConsent } from '~/models/matching/entry.server'
import { assignBadges, openRound } from '~/models/matching/round.server'
import { meetingDays } from '~/models/programme/recurrence'
import { addDays, nextWeekday, shanghaiClock, shanghaiDay, shanghaiTime } from '~/utils/time'
import { createChild, createProgramme, createQuestion, createSession, createUser } from './factories'
import { sealAnswers } from '~/models/questions/answers.server'
import { toQuestion, type AnswerRow } from '~/models/questions/definitions'

const DAY = 24 * 60 * 60 * 1000
const MINUTE = 60 * 1000
const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`

/**
 * The camp's daily hours: 08:30–17:00, except that a demo started in the afternoon or evening
 * ends the day a little before now, so the register shows a late pick-up today; started early
 * in the morning it ends at 09:30 (the late pick-up is then on yesterday's register).
 */
function demoHours(now: Date) {
  const [h, m] = shanghaiClock(now).split(':').map(Number)
  const endMinutes = Math.min(17 * 60, Math.max(9 * 60 + 30, Math.floor((h * 60 + m - 15) / 5) * 5))
  return { start: hhmm(Math.min(8 * 60 + 30, endMinutes - 60)), end: hhmm(endMinutes) }
}

export async function seedRunningProgrammes(
  db: PrismaClient,
  input: { departmentId: string; organiserId: string; member: { id: string }; childIds: string[]; now: Date },
) {
  const { now } = input
  const today = shanghaiDay(now)
  const first = addDays(today, -3)
  const hours = demoHours(now)
  const booked = new Date(now.getTime() - 20 * DAY)
  const camp = await createProgramme(
    db,
    input.departmentId,
    {
      slug: 'community-childcare-camp',
      kind: 'camp',
      audience: 'child',
      minAge: 6,
      maxAge: 12,
      membersOnly: false,
      titleZh: '社区职工子女托管班（进行中）',
      titleEn: 'Community Childcare Camp for Members’ Children (running now)',
      summaryZh: '本期正在进行：每天的签到、接送和请假都在这里记录。',
      summaryEn: 'Running now: each day’s arrivals, pick-ups and absences are recorded here.',
      descriptionZh: '工人文化宫的职工子女托管班，每天开放。家长请在“我的报名”里维护可以接孩子的人，孩子请假请在当天开始前提交。',
      descriptionEn:
        'Childcare at the Workers’ Cultural Palace, open every day. Parents keep the list of who may collect their child under “My bookings”; report an absence before the day starts.',
      contactPhone: '0515-88000001',
      bookingOpensAt: new Date(now.getTime() - 30 * DAY),
      bookingClosesAt: shanghaiTime(addDays(today, 5), '17:00'),
    },
    booked,
  )
  const session = await createSession(
    db,
    camp.id,
    {
      startsAt: shanghaiTime(first, hours.start),
      endsAt: shanghaiTime(first, hours.end),
      repeatDays: 'MO,TU,WE,TH,FR,SA,SU',
      repeatUntil: shanghaiTime(addDays(today, 7), hours.end),
      placeZh: '工人文化宫二楼托管教室',
      placeEn: 'Workers’ Cultural Palace, 2nd floor',
      capacity: 12,
    },
    booked,
  )
  // the demo member's two children, and six more families
  const bookings: { bookingId: string; parentId: string; childId: string }[] = []
  // the camp asks the demo camp's questions; every family answered them at booking (one child
  // takes medicine: its sealed answer shows on the roster to the organisers of a held seat)
  const Q = await campQuestions(db, camp.id)
  const asked = (await db.question.findMany({ where: { programmeId: camp.id } })).map(toQuestion)
  const answersFor = (childId: string, parentName: string, medicine: boolean): AnswerRow[] =>
    sealAnswers(asked, [
      { questionId: Q.contact.id, attendee: '*', value: `${parentName.slice(0, 1)}奶奶` },
      { questionId: Q.phone.id, attendee: '*', value: '13800005555' },
      { questionId: Q.photo.id, attendee: childId, value: 'yes' },
      { questionId: Q.size.id, attendee: childId, value: 'o3' },
      { questionId: Q.medicine.id, attendee: childId, value: medicine ? 'yes' : 'no' },
      ...(medicine ? [{ questionId: Q.which.id, attendee: childId, value: '哮喘喷雾，午饭后一次' }] : []),
    ])
  const book = async (parentId: string, childId: string, parentName = '李') => {
    const [result] = await bookSession({
      userId: parentId,
      sessionId: session.id,
      attendees: [{ kind: 'child', childId }],
      answers: answersFor(childId, parentName, bookings.length === 0),
      now: booked,
    })
    if (result && 'bookingId' in result) bookings.push({ bookingId: result.bookingId, parentId, childId })
  }
  for (const childId of input.childIds) await book(input.member.id, childId)
  const families = ['何静', '罗斌', '高洁', '林海', '宋雨', '唐敏']
  for (const [i, name] of families.entries()) {
    const parent = await createUser(db, {
      name,
      gender: i % 2 ? 'male' : 'female',
      email: `running${i + 1}@carnation.test`,
      phone: `1390000${String(4100 + i)}`,
    })
    const child = await createChild(db, parent.id, {
      name: `${name.slice(0, 1)}小${'乐安宁欣然朵'[i]}`,
      birthDate: shanghaiTime(`${Number(today.slice(0, 4)) - 7 - (i % 4)}-05-0${i + 1}`),
      gender: i % 2 ? 'male' : 'female',
    })
    await book(parent.id, child.id, name)
  }
  await addPickupPerson(input.member.id, input.childIds[0], { intent: 'add-pickup', name: '李强', relation: '父亲', phone: '13912340000' })
  const father = await db.pickupPerson.findFirstOrThrow({ where: { childId: input.childIds[0] } })
  const actorId = input.organiserId
  const at = (day: string, time: string, plus = 0) => new Date(shanghaiTime(day, time).getTime() + plus * MINUTE)

  // the days before today: everyone came and was collected by the guardian
  for (const day of meetingDays(session).filter((d) => d < today)) {
    for (const [i, b] of bookings.entries()) {
      await recordArrival({ sessionId: session.id, bookingId: b.bookingId, actorId, now: at(day, hours.start, -20 + i) })
      await recordPickup({
        sessionId: session.id,
        bookingId: b.bookingId,
        actorId,
        collector: { kind: 'guardian' },
        now: at(day, hours.end, 5 + i),
      })
    }
  }
  // today: the demo member's younger child is excused (reported last night); the others arrived;
  // the elder was collected by his father from the list; one child not yet collected after the end
  const [elder, younger, ...others] = bookings
  await reportAbsence({
    userId: input.member.id,
    bookingId: younger.bookingId,
    days: [today],
    reason: '过敏复查 Allergy check-up',
    now: at(addDays(today, -1), '20:00'),
  })
  const dayIsOver = shanghaiTime(today, hours.end) <= now
  for (const [i, b] of [elder, ...others].entries()) {
    await recordArrival({ sessionId: session.id, bookingId: b.bookingId, actorId, now: at(today, hours.start, -25 + 2 * i) })
  }
  await recordPickup({
    sessionId: session.id,
    bookingId: elder.bookingId,
    actorId,
    collector: { kind: 'listed', pickupPersonId: father.id },
    now: dayIsOver ? at(today, hours.end, -10) : now,
  })
  if (dayIsOver) {
    // all collected but the last child: the late pick-up list
    for (const b of others.slice(0, -1)) {
      await recordPickup({
        sessionId: session.id,
        bookingId: b.bookingId,
        actorId,
        collector: { kind: 'guardian' },
        now: at(today, hours.end, -5),
      })
    }
  }

  await seedFinishedCourse(db, input, now)
  await markAbsences(now)
}

/** A childcare-worker course that ended last week: five Saturdays, completion by four. */
async function seedFinishedCourse(
  db: PrismaClient,
  input: { departmentId: string; organiserId: string; member: { id: string } },
  now: Date,
) {
  const lastSaturday = addDays(nextWeekday(addDays(shanghaiDay(now), -13), 6), 0)
  const firstSaturday = addDays(lastSaturday, -28)
  const course = await createProgramme(
    db,
    input.departmentId,
    {
      slug: 'childcare-worker-training-spring',
      kind: 'training',
      titleZh: '育婴员职业技能培训班（上期，已结业）',
      titleEn: 'Childcare Worker Skills Course (last term, completed)',
      summaryZh: '五次课，出勤满四次结业，结业证书可在线核验。',
      summaryEn: 'Five meetings; four complete it; certificates can be checked online.',
      descriptionZh: '上一期育婴员培训，已经结束。结业学员可在“我的报名”中查看结业证书。',
      descriptionEn: 'The last term of the childcare-worker course, now over. Completers open their certificate under “My bookings”.',
      audience: 'self',
      membersOnly: false,
      bookingOpensAt: new Date(shanghaiTime(firstSaturday, '09:00').getTime() - 20 * DAY),
      bookingClosesAt: shanghaiTime(addDays(firstSaturday, -2), '17:00'),
    },
    now,
  )
  await db.programme.update({ where: { id: course.id }, data: { completionMeetings: 4 } })
  const session = await createSession(
    db,
    course.id,
    {
      startsAt: shanghaiTime(firstSaturday, '09:00'),
      endsAt: shanghaiTime(firstSaturday, '11:30'),
      repeatDays: 'SA',
      repeatUntil: shanghaiTime(lastSaturday, '11:30'),
      placeZh: '市总工会职工培训中心 201 教室',
      placeEn: 'Federation Training Centre, Room 201',
      // two places, a third member on the waitlist: the reports' unmet demand has a line
      capacity: 2,
    },
    now,
  )
  const bookedAt = new Date(shanghaiTime(firstSaturday, '09:00').getTime() - 10 * DAY)
  const other = await createUser(db, { name: '钱芳', email: 'course2@carnation.test' })
  const ids: string[] = []
  const waiting = await createUser(db, { name: '孙丽', email: 'course3@carnation.test' })
  for (const userId of [input.member.id, other.id, waiting.id]) {
    const [result] = await bookSession({ userId, sessionId: session.id, attendees: [{ kind: 'self', userId }], now: bookedAt })
    if (result && 'bookingId' in result && result.result === 'confirmed') ids.push(result.bookingId)
  }
  for (const [i, day] of meetingDays(session).entries()) {
    // the demo member missed the third class (completes with 4 of 5); the other came three times
    if (i !== 2)
      await recordArrival({ sessionId: session.id, bookingId: ids[0], actorId: input.organiserId, now: shanghaiTime(day, '08:52') })
    if (i < 3)
      await recordArrival({ sessionId: session.id, bookingId: ids[1], actorId: input.organiserId, now: shanghaiTime(day, '08:57') })
  }
  // the word afterwards: both were asked after the last class; one answered with a comment
  const askedAt = shanghaiTime(addDays(lastSaturday, 0), '12:00')
  await db.feedback.create({
    data: { bookingId: ids[0], askedAt, rating: 5, comment: '老师讲得细，实操多。', answeredAt: new Date(askedAt.getTime() + DAY) },
  })
  await db.feedback.create({ data: { bookingId: ids[1], askedAt, rating: 4, answeredAt: new Date(askedAt.getTime() + 2 * DAY) } })
}

/**
 * A youth social happening now, its mutual-choice round open: the demo young member 陈晨
 * (youth@carnation.test) and five others have checked in and said what a match may see; two of
 * them have chosen already (one of them chose 陈晨). Log in as 陈晨 to choose, then as the
 * organiser to close the round: the result appears on both phones, and in the mailbox.
 */
export async function seedSocialTonight(
  db: PrismaClient,
  input: { departmentId: string; organiserId: string; youthEmail: string; now: Date },
) {
  const { now } = input
  const programme = await createProgramme(
    db,
    input.departmentId,
    {
      slug: 'youth-social-tonight',
      kind: 'social',
      titleZh: '青年职工周末联谊会（互选演示，进行中）',
      titleEn: 'Young Workers’ Weekend Social (mutual-choice demo, on now)',
      summaryZh: '正在进行：现场已签到，互选已开始。',
      summaryEn: 'On now: everyone has checked in and the mutual choice is open.',
      descriptionZh: '演示用的交友活动，正在进行中。到场的参加者可以在手机上互选，工作人员结束互选后公布双向选择的结果。',
      descriptionEn:
        'A demo social, on now. Participants who came choose on their phones; once the staff end the round, mutual choices are shown.',
      audience: 'self',
      minAge: 22,
      maxAge: 35,
      bookingOpensAt: new Date(now.getTime() - 10 * DAY),
      bookingClosesAt: new Date(now.getTime() - 2 * DAY),
      contactPhone: '0515-88000001',
      mutualChoice: true,
      mutualChoiceMax: 3,
    },
    now,
  )
  const session = await createSession(
    db,
    programme.id,
    {
      startsAt: new Date(now.getTime() - MINUTE),
      endsAt: new Date(now.getTime() + 3 * 60 * MINUTE),
      placeZh: '市职工服务中心 三楼多功能厅',
      placeEn: 'Workers’ Service Centre, 3rd-floor hall',
      capacity: 40,
      // 男女各半, as the federation's socials are
      quotas: [
        { category: 'female', capacity: 20 },
        { category: 'male', capacity: 20 },
      ],
    },
    now,
  )
  const people: [string, 'female' | 'male', string | null][] = [
    ['陈晨', 'female', input.youthEmail],
    ['刘畅', 'male', null],
    ['张思远', 'male', null],
    ['林晓雯', 'female', null],
    ['周子航', 'male', null],
    ['许静', 'female', null],
  ]
  const booked = []
  for (const [i, [name, gender, email]] of people.entries()) {
    const user = await createUser(db, {
      name,
      gender,
      email: email ?? `social${i}@carnation.test`,
      birthDate: shanghaiTime(`${Number(shanghaiDay(now).slice(0, 4)) - 26 - i}-05-0${i + 1}`),
      phone: `1385150${String(1000 + i)}`,
    })
    const [outcome] = await bookSession({
      userId: user.id,
      sessionId: session.id,
      attendees: [{ kind: 'self', userId: user.id }],
      now: new Date(now.getTime() - 3 * DAY),
    })
    if (outcome.result !== 'confirmed') throw new Error(`seed: ${name} was not booked on the demo social`)
    booked.push({ user, bookingId: outcome.bookingId, name })
  }
  await assignBadges(session.id)
  for (const p of booked) {
    const day = shanghaiDay(session.startsAt)
    const arrived = await recordArrival({ sessionId: session.id, bookingId: p.bookingId, actorId: input.organiserId, now, day })
    if (!arrived.ok) throw new Error(`seed: ${p.name} could not check in (${arrived.error})`)
    if (p.name !== '陈晨') await saveConsent({ userId: p.user.id, bookingId: p.bookingId, displayName: p.name.slice(1), share: 'phone' })
  }
  await openRound(session.id, input.organiserId, now)
  const badge = async (bookingId: string) => (await db.booking.findUniqueOrThrow({ where: { id: bookingId } })).badgeNo!
  // 刘畅 chose 陈晨 and 林晓雯; 张思远 chose 许静
  const chosen = [
    await saveChoices({
      userId: booked[1].user.id,
      bookingId: booked[1].bookingId,
      badges: [await badge(booked[0].bookingId), await badge(booked[3].bookingId)],
    }),
    await saveChoices({ userId: booked[2].user.id, bookingId: booked[2].bookingId, badges: [await badge(booked[5].bookingId)] }),
  ]
  if (chosen.some((c) => !c.ok)) throw new Error(`seed: a demo choice was refused (${JSON.stringify(chosen)})`)
}

/** The demo camp's questions: an emergency contact once a booking, photo consent and T-shirt size per child, medicines only if any. */
export async function campQuestions(db: PrismaClient, programmeId: string) {
  const contact = await createQuestion(db, programmeId, {
    labelZh: '紧急联系人',
    labelEn: 'Emergency contact',
    scope: 'booking',
    required: true,
    helpZh: '家长以外、能随时联系到的人',
  })
  const phone = await createQuestion(db, programmeId, {
    type: 'phone',
    labelZh: '紧急联系人电话',
    labelEn: 'Emergency contact phone',
    scope: 'booking',
    required: true,
  })
  const photo = await createQuestion(db, programmeId, {
    type: 'yesno',
    labelZh: '是否同意拍摄孩子的活动照片用于工会宣传？',
    labelEn: 'May we photograph your child for the union’s newsletter?',
    required: true,
  })
  const size = await createQuestion(db, programmeId, {
    type: 'choice',
    labelZh: 'T 恤尺码',
    labelEn: 'T-shirt size',
    options: [
      { id: 'o1', zh: '110', en: '110' },
      { id: 'o2', zh: '120', en: '120' },
      { id: 'o3', zh: '130', en: '130' },
      { id: 'o4', zh: '140', en: '140' },
    ],
    atDoor: true,
  })
  const medicine = await createQuestion(db, programmeId, {
    type: 'yesno',
    labelZh: '托管期间是否需要服药？',
    labelEn: 'Does your child need medicine during the day?',
    required: true,
  })
  const which = await createQuestion(db, programmeId, {
    type: 'longtext',
    labelZh: '药品名称、剂量和服用时间',
    labelEn: 'Medicine, dose and time',
    required: true,
    sensitive: true,
    conditionQuestionId: medicine.id,
    conditionValue: 'yes',
  })
  return { contact, phone, photo, size, medicine, which }
}
