import fs from 'node:fs'
import path from 'node:path'
import { ESLint } from 'eslint'
import { afterAll, expect, test } from 'vitest'
import { DOMAINS } from '../../eslint.config.js'

// The house rules in eslint.config.js, each shown to fire on a file that breaks it (and to stay
// quiet on one that keeps it): a rule that never fires would let the layers drift unnoticed.

const eslint = new ESLint()
const problems = async (filePath: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath })
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`)
}

test('app/utils imports no models, web, routes or components', async () => {
  expect(
    await problems('app/utils/example.ts', "import { tryTakeSeat } from '~/models/booking/seats.server'\nexport const x = tryTakeSeat\n"),
  ).toEqual([expect.stringMatching(/^no-restricted-imports: .*bottom layer/)])
  expect(await problems('app/utils/example.ts', "import { shanghaiDay } from '~/utils/time'\nexport const x = shanghaiDay\n")).toEqual([])
  // React hooks live beside the components (app/components/hooks), not among the infrastructure
  expect(
    await problems('app/utils/example.ts', "import { useNonce } from '~/components/hooks/nonce'\nexport const x = useNonce\n"),
  ).toEqual([expect.stringMatching(/^no-restricted-imports: /)])
})

test('app/models import neither Remix nor the web layer', async () => {
  expect(await problems('app/models/example.server.ts', "import { json } from '@remix-run/node'\nexport const x = json\n")).toEqual([
    expect.stringMatching(/^no-restricted-imports: .*plain inputs/),
  ])
  expect(
    await problems('app/models/example.server.ts', "import { requireUser } from '~/web/auth.server'\nexport const x = requireUser\n"),
  ).toEqual([expect.stringMatching(/^no-restricted-imports: .*plain inputs/)])
})

test('a domain of app/models imports only the domains below it; every domain has its place', async () => {
  const upward = "import { composeMail } from '~/models/mail/compose.server'\nexport const x = composeMail\n"
  expect(await problems('app/models/booking/example.server.ts', upward)).toEqual([
    expect.stringMatching(/^import-x\/no-restricted-paths: .*booking sits below/),
  ])
  const downward = "import { tryTakeSeat } from '~/models/booking/seats.server'\nexport const x = tryTakeSeat\n"
  expect(await problems('app/models/mail/example.server.ts', downward)).toEqual([])
  const folders = fs.readdirSync('app/models', { withFileTypes: true }).filter((d) => d.isDirectory())
  expect(folders.map((d) => d.name).sort()).toEqual([...DOMAINS].sort())
})

test('app/web imports no route or component', async () => {
  expect(await problems('app/web/example.server.ts', "import { Field } from '~/components/ui/field'\nexport const x = Field\n")).toEqual([
    expect.stringMatching(/^no-restricted-imports: .*serves the routes/),
  ])
})

test('a form is parsed by parseForm, never by conform directly', async () => {
  const direct = "import { parseWithZod } from '@conform-to/zod'\nexport const x = parseWithZod\n"
  for (const file of ['app/routes/example.tsx', 'app/components/example.tsx', 'app/web/example.server.ts']) {
    expect(await problems(file, direct), file).toEqual([expect.stringMatching(/^no-restricted-imports: .*parseForm/)])
  }
  expect(
    await problems('app/routes/example.tsx', "import { getZodConstraint } from '@conform-to/zod'\nexport const x = getZodConstraint\n"),
  ).toEqual([])
})

test('nothing under app/ (any layer) imports test code', async () => {
  for (const file of ['app/routes/example.tsx', 'app/utils/example.ts', 'app/models/example.server.ts', 'app/web/example.server.ts']) {
    expect(await problems(file, "import { makeUser } from '../../tests/factories'\nexport const x = makeUser\n"), file).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*never imports test code/),
    ])
  }
})

test('the app writes only through write((tx) => …): no write on the shared client, no db.$transaction, no raw write', async () => {
  const head = "import { db, write } from '~/utils/db.server'\n"
  for (const body of [
    "export const f = () => db.booking.update({ where: { id: 'x' }, data: {} })",
    'export const f = () => db.booking\n  .deleteMany({ where: {} })',
    'export const f = () => db.$transaction(async (tx) => tx.booking.count())',
    'export const f = () => db.$executeRaw`DELETE FROM "Child"`',
    'export const f = () => db.$executeRawUnsafe(\'DELETE FROM "Child"\')',
  ]) {
    expect(await problems('app/models/example.server.ts', head + body + '\nexport const g = write\n'), body).toEqual([
      expect.stringMatching(/^no-restricted-syntax: .*write\(\(tx\) => …\)/),
    ])
  }
  const inside = "export const f = () => write((tx) => tx.booking.update({ where: { id: 'x' }, data: {} }))\nexport const g = db\n"
  expect(await problems('app/models/example.server.ts', head + inside)).toEqual([])
})

test('places are booking’s: outside app/models/booking nothing creates a booking or a quota or sets a session’s places', async () => {
  const head = "import { write } from '~/utils/db.server'\nimport { queries } from '~/utils/query.server'\nexport const h = queries\n"
  for (const [file, body] of [
    [
      'app/models/lottery/example.server.ts',
      "export const f = () => write((tx) => tx.booking.create({ data: { sessionId: 's', bookerId: 'u', status: 'confirmed' } }))",
    ],
    [
      'app/models/organiser/example.server.ts',
      "export const f = () => write((tx) => tx.quota.updateMany({ where: { sessionId: 's' }, data: { capacity: 3 } }))",
    ],
    [
      'app/models/organiser/example.server.ts',
      "export const f = () => write((tx) => tx.session.create({ data: { programmeId: 'p', capacity: 10 } as never }))",
    ],
    [
      'app/models/lottery/example.server.ts',
      "export const f = () => write((tx) => tx.session.update({ where: { id: 's' }, data: { waitlistSeq: 9 } }))",
    ],
    [
      'app/models/matching/example.server.ts',
      'export const f = () => write((tx) => tx.session.updateMany({ where: {}, data: { seatsTaken: { increment: 1 } } }))',
    ],
    // the query layer: a booking row, a quota, a session's seats or waitlist counter
    [
      'app/models/lottery/example.server.ts',
      "export const f = () => write((tx) => queries(tx).insertInto('Booking').values({} as never).execute())",
    ],
    [
      'app/models/organiser/example.server.ts',
      "export const f = () => write((tx) => queries(tx).updateTable('Quota').set({ capacity: 3 }).execute())",
    ],
    [
      'app/models/organiser/example.server.ts',
      "export const f = () => write((tx) => queries(tx).updateTable('Session').set((eb) => ({ seatsTaken: eb('seatsTaken', '+', 1) })).execute())",
    ],
    // and hand-written SQL
    [
      'app/models/lottery/example.server.ts',
      'export const f = () => write((tx) => tx.$executeRawUnsafe(\'UPDATE "Session" SET "waitlistSeq" = 9\'))',
    ],
  ]) {
    expect(await problems(file, head + body + '\n'), body).toEqual([
      expect.stringMatching(/^no-restricted-syntax: .*capacity is booking’s/),
    ])
    // the same code where it belongs: quiet
    expect(await problems('app/models/booking/example.server.ts', head + body + '\n'), body).toEqual([])
  }
  // other writes to a booking or a session stay allowed elsewhere (a badge number, a session's time)
  const allowed = "export const f = () => write((tx) => tx.session.update({ where: { id: 's' }, data: { startsAt: new Date() } }))\n"
  expect(await problems('app/models/programme/example.server.ts', head + allowed)).toEqual([])
})

test('a redirect target read from the request goes through safeRedirect', async () => {
  const head = "import { safeRedirect } from '~/utils/safe-redirect'\nexport const g = safeRedirect\n"
  for (const body of [
    "export const f = (url: URL) => url.searchParams.get('back') ?? '/'",
    "export const f = (form: FormData) => String(form.get('redirectTo'))",
  ]) {
    expect(await problems('app/routes/example.tsx', head + body + '\n'), body).toEqual([
      expect.stringMatching(/^no-restricted-syntax: .*safeRedirect/),
    ])
  }
  expect(
    await problems('app/routes/example.tsx', head + "export const f = (url: URL) => safeRedirect(url.searchParams.get('back'), '/')\n"),
  ).toEqual([])
})

// a cycle needs two files on disk: written under app/, linted, removed
const fixture = path.resolve(`app/lint-fixture-${process.pid}`)
afterAll(() => fs.rmSync(fixture, { recursive: true, force: true }))

// (the whole tree is linted by `npm run lint`, the first step of `npm test`)
test('an import cycle under app/ is refused', async () => {
  fs.mkdirSync(fixture, { recursive: true })
  fs.writeFileSync(path.join(fixture, 'a.ts'), "import { b } from './b'\nexport const a = () => b()\n")
  fs.writeFileSync(path.join(fixture, 'b.ts'), "import { a } from './a'\nexport const b = (): unknown => a\n")
  const [result] = await eslint.lintFiles([path.join(fixture, 'a.ts')])
  fs.rmSync(fixture, { recursive: true, force: true })
  expect(result.messages.map((m) => m.ruleId)).toEqual(['import-x/no-cycle'])
})

test('the production build carries no test code and no demo seed', () => {
  expect(fs.existsSync('build/index.js'), 'run `npm run build` first (npm test does)').toBe(true)
  // esbuild names each bundled module in a comment line: "// app/routes/…", "// prisma/seed.ts"
  const modules = [...fs.readFileSync('build/index.js', 'utf8').matchAll(/^\/\/ ((?:app|prisma|tests|emails)\/\S+)$/gm)].map((m) => m[1])
  expect(modules).toContain('app/entry.server.tsx')
  expect(modules.filter((m) => m.startsWith('tests/'))).toEqual([])
  // nor the demo seed and its factories: `npm start` seeds through prisma/seed-cli.ts
  expect(modules.filter((m) => m.startsWith('prisma/'))).toEqual([])
})
