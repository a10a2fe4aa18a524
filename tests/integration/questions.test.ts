import { describe, expect, test } from 'vitest'
import { getRoster } from '~/models/organiser/roster.server'
import { rosterCsv } from '~/models/organiser/export-roster.server'
import { eraseChild } from '~/models/privacy/erase.server'
import { collectMyData } from '~/models/privacy/my-data.server'
import { changeAnswers, earlierAnswers } from '~/models/questions/answers.server'
import { answerSchema, questionFormSchema, readAnswers, toQuestion, type QuestionDef } from '~/models/questions/definitions'
import { addQuestion, questionsOf, removeQuestion, updateQuestion } from '~/models/questions/questions.server'
import * as programmeRoute from '~/routes/programmes.$slug'
import * as questionsRoute from '~/routes/organiser.programmes.$programmeId_.questions'
import { db } from '~/utils/db.server'
import { testClock } from '../clock'
import { createChild, createDepartment, createProgramme, createQuestion, createSession, createUser } from '../factories'
import { databaseBytes } from './database-bytes'
import { drawLottery, family, lotteryCamp } from './lottery-fixtures'
import { runDueLotteries } from '~/models/lottery/run.server'
import { loginCookie, post, statusOf } from './request'

// Registration questions (docs/decisions/0022-registration-questions.md): each type read with the
// zod built from its definition, required and conditional questions, per attendee and per
// booking, locking, sealing, least access, CSV, copy and erasure, prefill — on both engines.

type Fn = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<unknown>
type Refused = {
  init: { status: number }
  data: { notices: { key: string }[]; answers?: { errors: Record<string, string>; values: Record<string, string[]> } }
}

const q = (over: Partial<QuestionDef>): QuestionDef => ({
  id: 'q1aaaaaaaaaaaaaaaaaaaaaa',
  type: 'text',
  labelZh: '问题',
  labelEn: '',
  helpZh: '',
  helpEn: '',
  options: [],
  required: false,
  scope: 'attendee',
  sensitive: false,
  conditionQuestionId: null,
  conditionValue: null,
  atDoor: false,
  ...over,
})
const sizes = [
  { id: 'o1', zh: '小', en: 'S' },
  { id: 'o2', zh: '中', en: 'M' },
  { id: 'o3', zh: '大', en: 'L' },
]

describe('each type, read with the zod its definition builds', () => {
  test('valid answers are kept as they will be stored; hostile ones are refused with a message key', () => {
    const read = (question: QuestionDef, values: string[]) => answerSchema(question).safeParse(values)
    const ok = (question: QuestionDef, values: string[], stored: string | null) =>
      expect(read(question, values)).toEqual({ success: true, data: stored })
    const refused = (question: QuestionDef, values: unknown, message: string) => {
      const result = answerSchema(question).safeParse(values)
      expect(result.success, JSON.stringify(values).slice(0, 60)).toBe(false)
      if (!result.success) expect(result.error.issues[0].message).toBe(message)
    }
    ok(q({ type: 'text' }), ['  李强  '], '李强')
    ok(q({ type: 'text' }), [], null)
    refused(q({ type: 'text', required: true }), [], 'questions.required')
    refused(q({ type: 'text', required: true }), ['   '], 'questions.required')
    refused(q({ type: 'text' }), ['x'.repeat(201)], 'errors.tooLong')
    refused(q({ type: 'text' }), ['x'.repeat(100_000)], 'errors.tooLong')
    refused(q({ type: 'text' }), ['a', 'b'], 'errors.invalid')
    refused(q({ type: 'text' }), [{ toString: 1 }], 'Expected string, received object')
    ok(q({ type: 'longtext' }), ['第一行\n第二行'], '第一行\n第二行')
    refused(q({ type: 'longtext' }), ['x'.repeat(2001)], 'errors.tooLong')
    ok(q({ type: 'number' }), ['-12.5'], '-12.5')
    refused(q({ type: 'number' }), ['1e9'], 'errors.number')
    refused(q({ type: 'number' }), ['NaN'], 'errors.number')
    ok(q({ type: 'choice', options: sizes }), ['o2'], 'o2')
    refused(q({ type: 'choice', options: sizes }), ['o9'], 'questions.notOffered')
    refused(q({ type: 'choice', options: sizes }), ['__proto__'], 'questions.notOffered')
    ok(q({ type: 'multi', options: sizes }), ['o3', 'o1', 'o1'], '["o1","o3"]')
    refused(q({ type: 'multi', options: sizes }), ['o1', 'o4'], 'questions.notOffered')
    refused(
      q({ type: 'multi', options: sizes }),
      Array.from({ length: 21 }, () => 'o1'),
      'errors.invalid',
    )
    ok(q({ type: 'yesno' }), ['yes'], 'yes')
    refused(q({ type: 'yesno' }), ['maybe'], 'questions.yesOrNo')
    ok(q({ type: 'date' }), ['2019-02-28'], '2019-02-28')
    refused(q({ type: 'date' }), ['2019-02-30'], 'errors.date')
    refused(q({ type: 'date' }), ['0000-00-00'], 'errors.date')
    ok(q({ type: 'phone' }), ['139 1234 5678'], '139 1234 5678')
    refused(q({ type: 'phone' }), ['call me'], 'errors.phone')
  })

  test('required and conditional, per attendee and per booking: conditions resolved on the server, an answer not asked dropped', () => {
    const medicine = q({ id: 'medicineaaaaaaaaaaaaaaaa', type: 'yesno', required: true })
    const which = q({
      id: 'whichaaaaaaaaaaaaaaaaaaa',
      type: 'longtext',
      required: true,
      conditionQuestionId: medicine.id,
      conditionValue: 'yes',
    })
    const contact = q({ id: 'contactaaaaaaaaaaaaaaaaa', type: 'phone', required: true, scope: 'booking' })
    const questions = [medicine, which, contact]
    const form: Record<string, string[]> = {
      [`q_${medicine.id}_kid1`]: ['yes'],
      [`q_${which.id}_kid1`]: ['哮喘喷雾，午饭后'],
      [`q_${medicine.id}_kid2`]: ['no'],
      // typed before the parent changed their mind: not asked for kid2, so not kept
      [`q_${which.id}_kid2`]: ['不需要'],
      [`q_${contact.id}`]: ['13900001111'],
    }
    const read = readAnswers(questions, ['kid1', 'kid2'], (field) => form[field] ?? [])
    expect(read).toEqual({
      ok: true,
      rows: [
        { questionId: contact.id, attendee: '*', value: '13900001111' },
        { questionId: medicine.id, attendee: 'kid1', value: 'yes' },
        { questionId: which.id, attendee: 'kid1', value: '哮喘喷雾，午饭后' },
        { questionId: medicine.id, attendee: 'kid2', value: 'no' },
      ],
    })
    // kid1 says yes and leaves the follow-up empty; the booking question is missing: both named
    const missing = readAnswers(
      questions,
      ['kid1'],
      (field) => ({ ...form, [`q_${which.id}_kid1`]: [], [`q_${contact.id}`]: [] })[field] ?? [],
    )
    expect(missing).toEqual({
      ok: false,
      errors: { [`q_${contact.id}`]: 'questions.required', [`q_${which.id}_kid1`]: 'questions.required' },
    })
  })

  test("the organiser's form: options one a line, a sensitive question never at the door, a condition by id", () => {
    const parsed = questionFormSchema.safeParse({ type: 'choice', labelZh: 'T 恤尺码', scope: 'attendee', options: '小 | S\n中 | M\n\n大' })
    expect(parsed.success && parsed.data.options).toEqual([
      { id: 'o1', zh: '小', en: 'S' },
      { id: 'o2', zh: '中', en: 'M' },
      { id: 'o3', zh: '大', en: '' },
    ])
    const issues = (input: Record<string, string>) => {
      const r = questionFormSchema.safeParse(input)
      return r.success ? [] : r.error.issues.map((i) => i.message)
    }
    expect(issues({ type: 'choice', labelZh: 'x', scope: 'attendee', options: '只有一个' })).toEqual(['questions.twoOptions'])
    expect(issues({ type: 'text', labelZh: 'x', scope: 'attendee', sensitive: 'on', atDoor: 'on' })).toEqual([
      'questions.sensitiveNotAtDoor',
    ])
    expect(issues({ type: 'robot', labelZh: 'x', scope: 'everyone' })).toEqual(['errors.invalid', 'errors.invalid'])
    expect(issues({ type: 'text', labelZh: '', scope: 'attendee' })).toEqual(['errors.required'])
    expect(issues({ type: 'text', labelZh: 'x', scope: 'attendee', condition: "x' OR 1=1" })).toEqual(['errors.invalid'])
  })
})

/** A children's camp with the demo's kind of questions, a parent with two children. */
async function campWithQuestions(slug: string) {
  const { now } = testClock()
  const dept = await createDepartment(db)
  const programme = await createProgramme(db, dept.id, { audience: 'child', kind: 'camp', slug }, now)
  const session = await createSession(db, programme.id, {}, now)
  const contact = await createQuestion(db, programme.id, { type: 'phone', labelZh: '紧急联系人电话', scope: 'booking', required: true })
  const photo = await createQuestion(db, programme.id, { type: 'yesno', labelZh: '是否同意拍照？', required: true })
  const medicine = await createQuestion(db, programme.id, { type: 'yesno', labelZh: '是否需要服药？', required: true })
  const which = await createQuestion(db, programme.id, {
    type: 'longtext',
    labelZh: '药品和时间',
    required: true,
    sensitive: true,
    conditionQuestionId: medicine.id,
    conditionValue: 'yes',
  })
  const size = await createQuestion(db, programme.id, { type: 'choice', labelZh: 'T 恤尺码', options: sizes, atDoor: true })
  const note = await createQuestion(db, programme.id, { labelZh: '其他说明' })
  const parent = await createUser(db, { name: '王芳' })
  const kids = [await createChild(db, parent.id, { name: '王小明' }), await createChild(db, parent.id, { name: '王小雨' })]
  const organiser = await createUser(db, { role: 'organiser', departmentId: dept.id })
  const cookie = await loginCookie(parent.id)
  const book = (fields: Record<string, string | string[]>) =>
    (programmeRoute.action as Fn)({
      request: post(`/programmes/${slug}`, { intent: 'book', sessionId: session.id, ...fields }, cookie),
      params: { slug },
      context: {},
    })
  return { now, dept, programme, session, questions: { contact, photo, medicine, which, size, note }, parent, kids, organiser, book }
}

describe('the booking form with questions, as a browser posts it', () => {
  test('a refused answer books nobody and comes back as typed; then two children booked, the booking question on both bookings', async () => {
    const { session, questions: Q, kids, book } = await campWithQuestions('camp-questions-a')
    const [a, b] = kids
    const fields = {
      childId: [a.id, b.id],
      [`q_${Q.contact.id}`]: '13900001111',
      [`q_${Q.photo.id}_${a.id}`]: 'yes',
      [`q_${Q.medicine.id}_${a.id}`]: 'yes',
      [`q_${Q.which.id}_${a.id}`]: '',
      [`q_${Q.size.id}_${a.id}`]: 'o2',
      [`q_${Q.photo.id}_${b.id}`]: 'no',
      [`q_${Q.medicine.id}_${b.id}`]: 'no',
      [`q_${Q.size.id}_${b.id}`]: 'o9',
    }
    const refused = (await book(fields)) as Refused
    expect(refused.init.status).toBe(400)
    expect(refused.data.answers?.errors).toEqual({
      [`q_${Q.which.id}_${a.id}`]: 'questions.required',
      [`q_${Q.size.id}_${b.id}`]: 'questions.notOffered',
    })
    // everything else as it was typed
    expect(refused.data.answers?.values[`q_${Q.contact.id}`]).toEqual(['13900001111'])
    expect(refused.data.answers?.values.childId).toEqual([a.id, b.id])
    expect(await db.booking.count()).toBe(0)
    expect(await db.answer.count()).toBe(0)

    expect(
      await statusOf(() => book({ ...fields, [`q_${Q.which.id}_${a.id}`]: '哮喘喷雾，午饭后', [`q_${Q.size.id}_${b.id}`]: 'o1' })),
    ).toBe(303)
    const bookings = await db.booking.findMany({ where: { sessionId: session.id }, include: { answers: true } })
    expect(bookings).toHaveLength(2)
    const of = (childId: string) =>
      Object.fromEntries(bookings.find((x) => x.childId === childId)!.answers.map((x) => [x.questionId, x.value]))
    expect(of(a.id)[Q.contact.id]).toBe('13900001111')
    expect(of(b.id)[Q.contact.id]).toBe('13900001111')
    expect(of(a.id)[Q.photo.id]).toBe('yes')
    expect(of(b.id)[Q.size.id]).toBe('o1')
    // the sensitive answer is sealed in the row; b was not asked it
    expect(of(a.id)[Q.which.id]).toMatch(/^enc/)
    expect(of(b.id)[Q.which.id]).toBeUndefined()
    // and never in the database's bytes (the file or a dump)
    expect(await databaseBytes()).not.toContain('哮喘喷雾')
  })

  test('hostile fields: a question of another programme, an unknown id, a prototype key — ignored or refused, nothing kept', async () => {
    const { questions: Q, kids, book, now, dept } = await campWithQuestions('camp-questions-b')
    const other = await createProgramme(db, dept.id, { audience: 'child' }, now)
    const foreign = await createQuestion(db, other.id, { labelZh: '别的活动的问题' })
    const [a] = kids
    const good = {
      childId: a.id,
      [`q_${Q.contact.id}`]: '13900001111',
      [`q_${Q.photo.id}_${a.id}`]: 'yes',
      [`q_${Q.medicine.id}_${a.id}`]: 'no',
    }
    expect(
      await statusOf(() =>
        book({
          ...good,
          [`q_${foreign.id}_${a.id}`]: '偷偷写入',
          q_cccccccccccccccccccccccc_x: 'x',
          '__proto__[x]': 'y',
          [`q_${Q.photo.id}_${a.id}`]: ['yes', 'no'],
        }),
      ),
    ).toBe(400)
    expect(await statusOf(() => book({ ...good, [`q_${foreign.id}_${a.id}`]: '偷偷写入' }))).toBe(303)
    expect(await db.answer.count({ where: { questionId: foreign.id } })).toBe(0)
    expect(await db.answer.count()).toBe(3)
  })
})

describe('organisers', () => {
  test('add, lock after the first answer (wording still changes), remove keeps the answers; another department cannot', async () => {
    const { programme, questions: Q, kids, book, organiser, dept } = await campWithQuestions('camp-questions-c')
    const base = {
      type: 'yesno' as const,
      labelZh: '是否同意拍照？',
      labelEn: '',
      helpZh: '',
      helpEn: '',
      options: [],
      required: true,
      scope: 'attendee' as const,
      sensitive: false,
      atDoor: false,
      conditionQuestionId: null,
      conditionValue: null,
    }
    // before anyone answered: anything may change
    expect(await updateQuestion(programme.id, Q.photo.id, { ...base, required: false }, organiser.id)).toEqual({ ok: true })
    expect(await updateQuestion(programme.id, Q.photo.id, base, organiser.id)).toEqual({ ok: true })
    const [a] = kids
    await book({
      childId: a.id,
      [`q_${Q.contact.id}`]: '13900001111',
      [`q_${Q.photo.id}_${a.id}`]: 'yes',
      [`q_${Q.medicine.id}_${a.id}`]: 'no',
    })
    expect(await updateQuestion(programme.id, Q.photo.id, { ...base, type: 'text' }, organiser.id)).toEqual({
      ok: false,
      error: 'questions.locked',
    })
    expect(await updateQuestion(programme.id, Q.photo.id, { ...base, sensitive: true }, organiser.id)).toEqual({
      ok: false,
      error: 'questions.locked',
    })
    expect(await updateQuestion(programme.id, Q.photo.id, { ...base, labelZh: '是否同意拍摄活动照片？' }, organiser.id)).toEqual({
      ok: true,
    })
    // a condition must point at an earlier yes/no or choice question with one of its values
    const later = { ...base, type: 'text' as const, labelZh: '说明', required: false }
    expect(await addQuestion(programme.id, { ...later, conditionQuestionId: Q.contact.id, conditionValue: 'yes' }, organiser.id)).toEqual({
      ok: false,
      error: 'questions.badCondition',
    })
    expect(await addQuestion(programme.id, { ...later, conditionQuestionId: Q.size.id, conditionValue: 'o7' }, organiser.id)).toEqual({
      ok: false,
      error: 'questions.badCondition',
    })
    expect(await addQuestion(programme.id, { ...later, conditionQuestionId: Q.size.id, conditionValue: 'o3' }, organiser.id)).toEqual({
      ok: true,
    })
    // a question others depend on cannot go first; removing hides it and keeps its answers
    expect(await removeQuestion(programme.id, Q.medicine.id, organiser.id)).toEqual({ ok: false, error: 'questions.hasDependants' })
    expect(await removeQuestion(programme.id, Q.photo.id, organiser.id)).toEqual({ ok: true })
    expect((await questionsOf(programme.id)).map((x) => x.labelZh)).not.toContain('是否同意拍摄活动照片？')
    expect(await db.answer.count({ where: { questionId: Q.photo.id } })).toBe(1)
    // through the route: another department's organiser gets a 404, the form's errors a 400
    const stranger = await createUser(db, { role: 'organiser', departmentId: (await createDepartment(db)).id })
    const send = async (userId: string, fields: Record<string, string>) => {
      const cookie = await loginCookie(userId)
      return statusOf(() =>
        (questionsRoute.action as Fn)({
          request: post(`/organiser/programmes/${programme.id}/questions`, fields, cookie),
          params: { programmeId: programme.id },
          context: {},
        }),
      )
    }
    expect(await send(stranger.id, { intent: 'add-question', type: 'text', labelZh: '越权', scope: 'attendee' })).toBe(404)
    expect(
      await send(organiser.id, { intent: 'add-question', type: 'choice', labelZh: '只有一个选项', scope: 'attendee', options: 'x' }),
    ).toBe(400)
    expect(await send(organiser.id, { intent: 'move-question', questionId: '__proto__', direction: 'sideways' })).toBe(400)
    expect(await db.question.count({ where: { labelZh: '越权' } })).toBe(0)
    expect(dept.id).toBeTruthy()
  })
})

describe('who sees the answers', () => {
  test('the roster shows a sensitive answer only for a held seat (the look recorded); the CSV leaves it out unless asked, formula-safe', async () => {
    const { programme, session, questions: Q, kids, book, organiser } = await campWithQuestions('camp-questions-d')
    const [a, b] = kids
    await book({
      childId: [a.id, b.id],
      [`q_${Q.contact.id}`]: '13900001111',
      [`q_${Q.note.id}_${a.id}`]: '=HYPERLINK("http://evil")',
      [`q_${Q.photo.id}_${a.id}`]: 'yes',
      [`q_${Q.medicine.id}_${a.id}`]: 'yes',
      [`q_${Q.which.id}_${a.id}`]: '胰岛素，午饭前',
      [`q_${Q.photo.id}_${b.id}`]: 'no',
      [`q_${Q.medicine.id}_${b.id}`]: 'no',
    })
    const roster = await getRoster(session.id)
    const rowA = roster.rows.find((r) => r.attendee === '王小明')!
    expect(rowA.answers[Q.which.id]).toBe('胰岛素，午饭前')
    expect(roster.notesShown).toBe(true)
    expect(roster.questions.map((x) => x.labelZh)).toEqual([
      '紧急联系人电话',
      '是否同意拍照？',
      '是否需要服药？',
      '药品和时间',
      'T 恤尺码',
      '其他说明',
    ])
    // the look at a sensitive answer is recorded as a look at the notes (the route does it when notesShown)
    // the seat goes (cancelled): the sensitive answer is no longer shown
    await db.booking.updateMany({ where: { childId: a.id }, data: { status: 'cancelled', activeKey: null } })
    expect((await getRoster(session.id)).rows.find((r) => r.attendee === '王小明')!.answers[Q.which.id]).toBeUndefined()
    await db.booking.updateMany({ where: { childId: a.id }, data: { status: 'confirmed', activeKey: `c:${a.id}` } })

    const t = (key: string) => key
    const plain = await rosterCsv(session.id, 'zh-CN', t, { withNotes: false, actorId: organiser.id })
    expect(plain).toContain('是否同意拍照？')
    expect(plain).not.toContain('药品和时间')
    expect(plain).not.toContain('胰岛素')
    // a formula typed as an answer is neutralised in the CSV
    expect(plain).toContain(`'=HYPERLINK`)
    const withNotes = await rosterCsv(session.id, 'zh-CN', t, { withNotes: true, actorId: organiser.id })
    expect(withNotes).toContain('胰岛素，午饭前')
    expect(await db.auditLog.count({ where: { action: 'roster.exported', entityId: session.id } })).toBe(2)
    expect(programme.id).toBeTruthy()
  })

  test('the member: prefill from an earlier booking (a sensitive answer only by a tick), change until the window closes, the copy of my data, erasure', async () => {
    const { programme, questions: Q, kids, book, parent, now } = await campWithQuestions('camp-questions-e')
    const [a] = kids
    await book({
      childId: a.id,
      [`q_${Q.contact.id}`]: '13900001111',
      [`q_${Q.photo.id}_${a.id}`]: 'yes',
      [`q_${Q.medicine.id}_${a.id}`]: 'yes',
      [`q_${Q.which.id}_${a.id}`]: '哮喘喷雾',
    })
    // next year's camp asks the same things: offered again (the sensitive one only as a tick)
    const next = await createProgramme(db, programme.departmentId, { audience: 'child', kind: 'camp' }, now)
    const again = [
      await createQuestion(db, next.id, { type: 'phone', labelZh: '紧急联系人电话：', scope: 'booking', required: true }),
      await createQuestion(db, next.id, { type: 'yesno', labelZh: '是否需要服药？' }),
      await createQuestion(db, next.id, { type: 'longtext', labelZh: '药品和时间', sensitive: true }),
    ].map((row) => toQuestion(row))
    const earlier = await earlierAnswers(parent.id, again, [a.id])
    expect(Object.fromEntries(earlier)).toEqual({
      [`q_${again[0].id}`]: { value: '13900001111', sensitive: false },
      [`q_${again[1].id}_${a.id}`]: { value: 'yes', sensitive: false },
      [`q_${again[2].id}_${a.id}`]: { value: '哮喘喷雾', sensitive: true },
    })

    const booking = await db.booking.findFirstOrThrow({ where: { childId: a.id } })
    const change = (form: Record<string, string>, when = now) =>
      changeAnswers({ userId: parent.id, bookingId: booking.id, valuesOf: (field) => (form[field] ? [form[field]] : []), now: when })
    const changed = {
      [`q_${Q.contact.id}`]: '13900002222',
      [`q_${Q.photo.id}_${a.id}`]: 'no',
      [`q_${Q.medicine.id}_${a.id}`]: 'no',
    }
    expect(await change({ ...changed, [`q_${Q.photo.id}_${a.id}`]: 'perhaps' })).toMatchObject({
      ok: false,
      errors: { [`q_${Q.photo.id}_${a.id}`]: 'questions.yesOrNo' },
    })
    expect(await change(changed)).toEqual({ ok: true })
    // the medicine answer went with the "no"
    expect(await db.answer.count({ where: { bookingId: booking.id } })).toBe(3)
    expect(await change(changed, new Date(programme.bookingClosesAt.getTime() + 1))).toEqual({ ok: false, error: 'questions.tooLate' })
    // someone else's booking is not found
    const stranger = await createUser(db)
    expect(await changeAnswers({ userId: stranger.id, bookingId: booking.id, valuesOf: () => [] })).toEqual({
      ok: false,
      error: 'booking.notFound',
    })

    const copy = await collectMyData(parent.id)
    expect(copy.answers.map((x) => [x.question, x.answer])).toEqual(
      expect.arrayContaining([
        ['紧急联系人电话', '13900002222'],
        ['是否同意拍照？', '否'],
      ]),
    )
    await eraseChild({ guardianId: parent.id, childId: a.id })
    expect(await db.answer.count({ where: { bookingId: booking.id } })).toBe(0)
  })
})

describe('a lottery programme asks its questions with the application', () => {
  test('refused answers keep the application out; the draw gives each booking its answers (sealed where sensitive)', async () => {
    const camp = await lotteryCamp({ capacity: [2, 2] })
    const slug = (await db.programme.findUniqueOrThrow({ where: { id: camp.programme.id } })).slug
    const contact = await createQuestion(db, camp.programme.id, {
      type: 'phone',
      labelZh: '紧急联系人电话',
      scope: 'booking',
      required: true,
    })
    const medicine = await createQuestion(db, camp.programme.id, { type: 'yesno', labelZh: '是否需要服药？', required: true })
    const which = await createQuestion(db, camp.programme.id, {
      type: 'longtext',
      labelZh: '药品和时间',
      required: true,
      sensitive: true,
      conditionQuestionId: medicine.id,
      conditionValue: 'yes',
    })
    const f = await family(camp.now, 2)
    const [a, b] = f.childIds
    const cookie = await loginCookie(f.parent.id)
    const apply = (fields: Record<string, string | string[]>) =>
      (programmeRoute.action as Fn)({
        request: post(
          `/programmes/${slug}`,
          { intent: 'apply', childId: [a, b], together: 'on', choice1: camp.sessions[0].id, ...fields },
          cookie,
        ),
        params: { slug },
        context: {},
      })
    const answers = {
      [`q_${contact.id}`]: '13900003333',
      [`q_${medicine.id}_${a}`]: 'yes',
      [`q_${which.id}_${a}`]: '肾上腺素笔，过敏时',
      [`q_${medicine.id}_${b}`]: 'no',
    }
    const refused = (await apply({ ...answers, [`q_${which.id}_${a}`]: '' })) as Refused
    expect(refused.init.status).toBe(400)
    expect(refused.data.answers?.errors).toEqual({ [`q_${which.id}_${a}`]: 'questions.required' })
    expect(await db.lotteryEntry.count({ where: { programmeId: camp.programme.id } })).toBe(0)
    expect(await statusOf(() => apply(answers))).toBe(303)
    const entry = await db.lotteryEntry.findFirstOrThrow({ where: { programmeId: camp.programme.id } })
    // one sealed list until the draw
    expect(entry.answersSealed).toMatch(/^enc/)
    expect(await databaseBytes()).not.toContain('肾上腺素笔')

    await runDueLotteries(camp.afterClose)
    await drawLottery(camp)
    // the application keeps no copy once the bookings have them
    expect((await db.lotteryEntry.findFirstOrThrow({ where: { programmeId: camp.programme.id } })).answersSealed).toBeNull()
    const bookings = await db.booking.findMany({ where: { childId: { in: [a, b] } }, include: { answers: true } })
    expect(bookings).toHaveLength(2)
    const of = (childId: string) =>
      Object.fromEntries(bookings.find((x) => x.childId === childId)!.answers.map((x) => [x.questionId, x.value]))
    expect(of(a)[contact.id]).toBe('13900003333')
    expect(of(b)[contact.id]).toBe('13900003333')
    expect(of(a)[medicine.id]).toBe('yes')
    expect(of(a)[which.id]).toMatch(/^enc/)
    expect(of(b)[which.id]).toBeUndefined()
    const roster = await getRoster(bookings[0].sessionId)
    expect(roster.rows.find((r) => r.id === bookings.find((x) => x.childId === a)!.id)?.answers[which.id]).toBe('肾上腺素笔，过敏时')
  })
})
