import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, test } from 'vitest'
import { canonicalJson, sha256, type PublicRecord } from '~/models/lottery/draw'
import { runDueLotteries } from '~/models/lottery/run.server'
import * as recordRoute from '~/routes/programmes.$slug_.results[.]json'
import * as resultsRoute from '~/routes/programmes.$slug_.results'
import { db } from '~/utils/db.server'
import { applyFor, drawLottery, family, lotteryCamp } from './lottery-fixtures'

// Anyone can check: the record downloaded from the results page, checked by the standalone
// verifier (public/verify-lottery.mjs: Node's standard library, nothing of ours), which must
// agree with lottery:verify (the app's own implementation, on the database).

const run = promisify(execFile)
type Fn = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<unknown>
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carnation-lottery-'))

async function download(slug: string) {
  const response = (await (recordRoute.loader as Fn)({
    request: new Request(`http://localhost/programmes/${slug}/results.json`),
    params: { slug },
    context: {},
  })) as Response
  expect(response.headers.get('Content-Disposition')).toContain(`${slug}-lottery.json`)
  return response.text()
}

/** The standalone verifier on a record file: its exit code and what it printed. */
async function standalone(record: string, ...args: string[]) {
  const file = path.join(dir, `${sha256(record).slice(0, 12)}.json`)
  fs.writeFileSync(file, record)
  const done = await run('node', ['public/verify-lottery.mjs', file, ...args]).catch((e: { code: number; stdout: string }) => e)
  return { code: 'code' in done ? done.code : 0, stdout: done.stdout.trim() }
}

/** A lottery with quotas and siblings, drawn: 5 families (one with two children drawn apart), 2 sessions. */
async function drawnCamp() {
  const camp = await lotteryCamp({ capacity: [2, 2], quotas: true, tiers: 'new-first' })
  const families = []
  for (let i = 0; i < 5; i++) {
    const f = await family(camp.now, i === 0 ? 2 : 1, ['欧阳娜娜', '司马光明', '诸葛亮亮', '上官婉儿', '东方明珠'][i])
    families.push(f)
    expect(
      await applyFor(
        camp,
        f,
        camp.sessions.map((s) => s.id),
      ),
    ).toMatchObject({ ok: true })
  }
  await db.lotteryEntry.updateMany({ where: { applicantId: families[0].parent.id }, data: { together: false } })
  await runDueLotteries(camp.afterClose)
  const beforeDraw = await download(camp.programme.slug)
  await drawLottery(camp)
  return { camp, families, beforeDraw, record: await download(camp.programme.slug) }
}

const tamper = (text: string, change: (record: PublicRecord) => void, rehash = false) => {
  const record = JSON.parse(text) as PublicRecord
  change(record)
  if (rehash) {
    record.commitmentHash = sha256(canonicalJson(record.commitment))
    if (record.draw) record.resultHash = sha256(canonicalJson(record.draw))
  }
  return JSON.stringify(record)
}

describe('the published record and the standalone verifier', () => {
  test('it passes on the real file, agrees with lottery:verify, and the file holds no personal data', async () => {
    const { camp, families, beforeDraw, record } = await drawnCamp()
    // before the draw: the commitment, with its hash as published, and no draw yet
    const frozen = JSON.parse(beforeDraw) as PublicRecord
    expect(frozen.draw).toBeNull()
    expect(frozen.commitment.publicValueSource.primary).toContain('双色球')
    expect((await standalone(beforeDraw)).stdout).toContain('FAILED the lottery has not been drawn yet')

    const published = JSON.parse(record) as PublicRecord
    expect(published.commitmentHash).toBe(frozen.commitmentHash) // the draw changed nothing committed
    const mine = await standalone(record, frozen.commitmentHash)
    expect(mine.code).toBe(0)
    expect(mine.stdout).toMatch(/^ok units=6 placed=\d waitlisted=\d unplaced=0 commitment=[0-9a-f]{64}$/)
    const ours = await run('npx', ['tsx', 'scripts/lottery-verify.ts', camp.programme.slug], { env: process.env })
    expect(ours.stdout.trim()).toBe(`lottery: ${mine.stdout}`)

    // no name, id, phone, email or birth date of anyone: only codes, tiers, sizes, categories and session numbers
    const lottery = await db.lottery.findFirstOrThrow()
    const secrets = [lottery.frozenEntries.match(/"entryId":"([^"]+)"/)![1], ...camp.sessions.map((s) => s.id)]
    for (const f of families) {
      secrets.push(f.parent.name, f.parent.email, f.parent.phone!, f.parent.id, ...f.childIds)
      for (const child of f.children) secrets.push(child.name, child.birthDate.toISOString().slice(0, 10))
    }
    for (const secret of secrets) expect(record).not.toContain(secret)
    expect(Object.keys(published.commitment.units[0]).sort()).toEqual(['categories', 'choices', 'id', 'size', 'tier'])
    // the household that asked to be drawn apart: two units of one code
    const code = (await db.lotteryEntry.findFirstOrThrow({ where: { applicantId: families[0].parent.id } })).code
    expect(published.commitment.units.filter((u) => u.id.startsWith(`${code}-`)).map((u) => u.id)).toEqual([`${code}-1`, `${code}-2`])
  })

  test('it fails on a tampered record, naming the first position that differs', async () => {
    const { record } = await drawnCamp()
    const published = JSON.parse(record) as PublicRecord
    const [first, second] = published.draw!.result
    const cases: [string, string][] = [
      // the first two lines of the result swapped, hashes recomputed to match
      [
        tamper(
          record,
          (r) => {
            r.draw!.result[0] = { ...second, order: 1 }
            r.draw!.result[1] = { ...first, order: 2 }
          },
          true,
        ),
        'draw position 1 differs',
      ],
      // a session's committed seats changed (as if capacity had been lowered before the draw)
      [
        tamper(
          record,
          (r) => {
            r.commitment.sessions[0].seats = 0
            r.commitment.sessions[1].seats = 0
          },
          true,
        ),
        'draw position',
      ],
      // the first unit moved to the last tier
      [tamper(record, (r) => (r.commitment.units.find((u) => u.id === first.id)!.tier = 2), true), 'differs'],
      // another server seed
      [tamper(record, (r) => (r.draw!.serverSeed = 'f'.repeat(64)), true), 'the revealed server seed hashes to'],
    ]
    for (const [text, expected] of cases) {
      const outcome = await standalone(text)
      expect(outcome.code).toBe(1)
      expect(outcome.stdout).toContain(expected)
    }
    // without the hashes recomputed, the hashes say so too
    const seats = await standalone(tamper(record, (r) => (r.commitment.sessions[0].seats = 9)))
    expect(seats.stdout).toContain('the commitment hashes to')
    const seed = await standalone(tamper(record, (r) => (r.draw!.serverSeed = 'f'.repeat(64))))
    expect(seed.stdout).toContain('the revealed server seed hashes to')
    // a commitment rewritten and rehashed after the freeze: caught against the hash noted then
    const rewritten = tamper(record, (r) => (r.commitment.sessions[0].seats = 9), true)
    expect((await standalone(rewritten, published.commitmentHash)).stdout).toContain('as published at the freeze')
  })

  test('lottery:verify agrees that a result changed in the database is wrong', async () => {
    const { camp } = await drawnCamp()
    const lottery = await db.lottery.findFirstOrThrow()
    const result = JSON.parse(lottery.result!) as { id: string }[]
    ;[result[0].id, result[1].id] = [result[1].id, result[0].id]
    await db.lottery.update({ where: { id: lottery.id }, data: { result: canonicalJson(result) } })
    const ours = await run('npx', ['tsx', 'scripts/lottery-verify.ts', camp.programme.slug], { env: process.env }).catch(
      (e: { code: number; stdout: string }) => e,
    )
    expect(ours).toMatchObject({ code: 1, stdout: expect.stringContaining('lottery: FAILED draw position 1 differs') })
    const mine = await standalone(await download(camp.programme.slug))
    expect(mine.code).toBe(1)
    expect(mine.stdout).toContain('draw position 1 differs')
  })

  test('a family finds its own line by its code: tier, ticket and what each choice was at its turn', async () => {
    const { camp, families } = await drawnCamp()
    const load = (query: string) =>
      (resultsRoute.loader as Fn)({
        request: new Request(`http://localhost/programmes/${camp.programme.slug}/results${query}`),
        params: { slug: camp.programme.slug },
        context: {},
      }) as Promise<Awaited<ReturnType<typeof resultsRoute.loader>>>
    const entry = await db.lotteryEntry.findFirstOrThrow({ where: { applicantId: families[1].parent.id } })
    const page = await load(`?code=${entry.code}`)
    const { units } = JSON.parse((await db.lottery.findFirstOrThrow()).frozenEntries) as { units: { id: string; entryId: string }[] }
    const turn = page.turns.find((t) => t.id === units.find((u) => u.entryId === entry.id)!.id)!
    expect(turn).toBeDefined()
    const row = page.rows.find((r) => r.id === turn.id)!
    expect(turn.result).toEqual(expect.objectContaining({ order: row.order, outcome: row.outcome }))
    expect(turn.ticket).toMatch(/^[0-9a-f]{64}$/)
    if (row.outcome === 'placed') {
      expect(turn.choices[row.choice - 1].state).toBe('placed')
      expect(turn.choices.slice(0, row.choice - 1).every((c) => c.state === 'full')).toBe(true)
    } else {
      expect(turn.choices.every((c) => c.state === 'full')).toBe(true)
    }
    // a code nobody has, and garbage: no lines, no error
    expect((await load('?code=99999')).turns).toEqual([])
    expect((await load('?code=<script>')).code).toBeNull()
    // the page names the moments: sources, freeze, public value, seeds and hashes
    expect(page.story).toMatchObject({
      publicValue: '04 09 15 22 27 31 12',
      publicValueFrom: 'primary',
      seed: expect.stringMatching(/^[0-9a-f]{64}$/),
      serverSeed: expect.stringMatching(/^[0-9a-f]{64}$/),
    })
    expect(page.story.source.fallback).toContain('下一期')
  })
})
