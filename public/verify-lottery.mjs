#!/usr/bin/env node
// verify-lottery.mjs — check a Carnation (康乃馨) lottery from its downloaded record alone.
//
//   node verify-lottery.mjs <record.json> [commitment hash as published at the freeze]
//
// Needs Node.js 18 or later and nothing else: no package, no network, no database. Prints
//   ok units=N placed=N waitlisted=N unplaced=N commitment=<hash>
// or, one line each, what does not hold — the first draw position that differs among them —
// and exits 1. The algorithm, step by step, is in docs/lottery-verification.md of the project;
// this file is deliberately written apart from the app's own code, so that two
// implementations must agree.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'

const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex')

// Canonical JSON: object keys sorted by code point at every depth, no spaces, arrays in order.
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`
  }
  return JSON.stringify(value)
}

function drawAll(seed, units, sessions) {
  // seats left per session number; quotas per category ("" stands for an attendee with none)
  const left = new Map()
  for (const s of sessions) left.set(s.no, { seats: s.seats, quotas: s.quotas ? { ...s.quotas } : null })
  const tickets = units.map((unit) => ({ unit, ticket: sha256(`${seed}\n${unit.id}`) }))
  tickets.sort((a, b) => {
    if (a.unit.tier !== b.unit.tier) return a.unit.tier - b.unit.tier
    if (a.ticket !== b.ticket) return a.ticket < b.ticket ? -1 : 1
    return a.unit.id < b.unit.id ? -1 : a.unit.id > b.unit.id ? 1 : 0
  })
  const waitlists = new Map()
  const result = []
  for (const [index, { unit }] of tickets.entries()) {
    const order = index + 1
    const need = {}
    for (const c of unit.categories) need[c ?? ''] = (need[c ?? ''] ?? 0) + 1
    let placed = null
    for (const [i, no] of unit.choices.entries()) {
      const s = left.get(no)
      if (!s || s.seats < unit.size) continue
      if (s.quotas && Object.entries(need).some(([c, n]) => (s.quotas[c] ?? 0) < n)) continue
      s.seats -= unit.size
      if (s.quotas) for (const [c, n] of Object.entries(need)) s.quotas[c] -= n
      placed = { order, id: unit.id, outcome: 'placed', session: no, choice: i + 1 }
      break
    }
    if (placed) {
      result.push(placed)
      continue
    }
    const first = unit.choices.find((no) => left.has(no))
    if (first === undefined) {
      result.push({ order, id: unit.id, outcome: 'unplaced' })
      continue
    }
    const n = (waitlists.get(first) ?? 0) + 1
    waitlists.set(first, n)
    result.push({ order, id: unit.id, outcome: 'waitlisted', session: first, waitlistNo: n })
  }
  return result
}

function describe(r) {
  if (!r) return 'nothing'
  if (r.outcome === 'placed') return `${r.id} placed in session ${r.session} (choice ${r.choice})`
  if (r.outcome === 'waitlisted') return `${r.id} waitlisted on session ${r.session} as no. ${r.waitlistNo}`
  return `${r.id} unplaced`
}

export function verify(record, expectedCommitmentHash) {
  const problems = []
  if (record?.format !== 'carnation-lottery/2') return { ok: false, problems: ['not a Carnation lottery record (format carnation-lottery/2)'] }
  const { commitment, draw } = record
  const commitmentHash = sha256(canonical(commitment))
  if (commitmentHash !== record.commitmentHash)
    problems.push(`the commitment hashes to ${commitmentHash}, not to the published ${record.commitmentHash}`)
  if (expectedCommitmentHash && commitmentHash !== expectedCommitmentHash)
    problems.push(`the commitment hashes to ${commitmentHash}, not to ${expectedCommitmentHash} as published at the freeze`)
  if (!draw) return { ok: false, problems: [...problems, 'the lottery has not been drawn yet'] }
  if (sha256(draw.serverSeed) !== commitment.seedHash)
    problems.push(`the revealed server seed hashes to ${sha256(draw.serverSeed)}, not to the committed ${commitment.seedHash}`)
  if (draw.publicValueFrom !== 'primary' && draw.publicValueFrom !== 'fallback')
    problems.push('the public value names neither the committed source nor its fallback')
  const seed = sha256(`${draw.serverSeed}\n${draw.publicValue}`)
  if (seed !== draw.seed) problems.push(`the seed of server seed and public value is ${seed}, not the published ${draw.seed}`)
  const sessions = commitment.sessions.filter((s) => !draw.withdrawn.includes(s.no))
  const recomputed = drawAll(seed, commitment.units, sessions)
  for (let i = 0; i < Math.max(recomputed.length, draw.result.length); i++) {
    if (canonical(recomputed[i] ?? null) !== canonical(draw.result[i] ?? null)) {
      problems.push(`draw position ${i + 1} differs: published ${describe(draw.result[i])}, recomputed ${describe(recomputed[i])}`)
      break
    }
  }
  const resultHash = sha256(canonical(draw))
  if (resultHash !== record.resultHash) problems.push(`the draw record hashes to ${resultHash}, not to the published ${record.resultHash}`)
  if (problems.length > 0) return { ok: false, problems }
  const count = (outcome) => recomputed.filter((r) => r.outcome === outcome).length
  return {
    ok: true,
    units: commitment.units.length,
    placed: count('placed'),
    waitlisted: count('waitlisted'),
    unplaced: count('unplaced'),
    commitmentHash,
  }
}

const [file, expected] = process.argv.slice(2)
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (!file) {
    console.error('usage: node verify-lottery.mjs <record.json> [commitment hash published at the freeze]')
    process.exit(2)
  }
  let record
  try {
    record = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    console.error(`cannot read ${file}: ${error.message}`)
    process.exit(2)
  }
  let outcome
  try {
    outcome = verify(record, expected)
  } catch (error) {
    outcome = { ok: false, problems: [`the record is malformed: ${error.message}`] }
  }
  if (outcome.ok) {
    console.log(
      `ok units=${outcome.units} placed=${outcome.placed} waitlisted=${outcome.waitlisted} unplaced=${outcome.unplaced} commitment=${outcome.commitmentHash}`,
    )
  } else {
    for (const problem of outcome.problems) console.log(`FAILED ${problem}`)
    process.exitCode = 1
  }
}
