import fs from 'node:fs'
import path from 'node:path'
import { ESLint } from 'eslint'
import { afterAll, expect, test } from 'vitest'

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
  expect(await problems('app/utils/example.ts', "import { useNonce } from '~/utils/nonce'\nexport const x = useNonce\n")).toEqual([])
})

test('app/models import neither Remix nor the web layer', async () => {
  expect(await problems('app/models/example.server.ts', "import { json } from '@remix-run/node'\nexport const x = json\n")).toEqual([
    expect.stringMatching(/^no-restricted-imports: .*plain inputs/),
  ])
  expect(
    await problems('app/models/example.server.ts', "import { requireUser } from '~/web/auth.server'\nexport const x = requireUser\n"),
  ).toEqual([expect.stringMatching(/^no-restricted-imports: .*plain inputs/)])
})

test('app/web imports no route or component', async () => {
  expect(await problems('app/web/example.server.ts', "import { Field } from '~/components/ui/field'\nexport const x = Field\n")).toEqual([
    expect.stringMatching(/^no-restricted-imports: .*serves the routes/),
  ])
})

test('nothing under app/ (any layer) imports test code', async () => {
  for (const file of ['app/routes/example.tsx', 'app/utils/example.ts', 'app/models/example.server.ts', 'app/web/example.server.ts']) {
    expect(await problems(file, "import { makeUser } from '../../tests/factories'\nexport const x = makeUser\n"), file).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*never imports test code/),
    ])
  }
})

test('the shared client never writes outside a transaction', async () => {
  const outside = "import { db } from '~/utils/db.server'\nexport const f = () => db.booking.update({ where: { id: 'x' }, data: {} })\n"
  expect(await problems('app/models/example.server.ts', outside)).toEqual([expect.stringMatching(/^no-restricted-syntax: Write inside/)])
  const inside =
    "import { db } from '~/utils/db.server'\nexport const f = () => db.$transaction((tx) => tx.booking.update({ where: { id: 'x' }, data: {} }))\n"
  expect(await problems('app/models/example.server.ts', inside)).toEqual([])
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
