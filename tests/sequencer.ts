import { BaseSequencer, type TestSpecification } from 'vitest/node'

// The files that take longest on either engine, started first: on a two-core CI machine a long
// file started last (PostgreSQL's database-outage waits out a 10 s outage) keeps one worker busy
// while the other has nothing left. Vitest's own order (the last run's durations, else file size)
// knows neither a clean clone nor the other engine's durations.
const LONGEST_FIRST = [
  'hardening',
  'database-outage',
  'lottery-verifier',
  'server-fuzz',
  'migrations',
  'account-attacks',
  'instance-crash',
  'lottery',
  'booking-contended',
  'catalogue-scale',
]

const rank = (file: TestSpecification) => {
  const index = LONGEST_FIRST.findIndex((name) => file.moduleId.endsWith(`/${name}.test.ts`))
  return index < 0 ? LONGEST_FIRST.length : index
}

export default class LongestFirst extends BaseSequencer {
  async sort(files: TestSpecification[]) {
    const sorted = await super.sort(files)
    return sorted
      .map((file, order) => ({ file, order }))
      .sort((a, b) => rank(a.file) - rank(b.file) || a.order - b.order)
      .map(({ file }) => file)
  }
}
