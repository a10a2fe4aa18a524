// npm run lottery:verify -- <programme-slug>
// Recomputes a drawn lottery from its revealed seed and frozen entries in the database named
// by DATABASE_URL (as the app reads it) and prints
//   lottery: ok units=N placed=N waitlisted=N unplaced=N commitment=<SHA-256 of the commitment>
// or, one line each, what differs, exiting 1 (app/models/lottery/verify.server.ts). What it
// checks beyond public/verify-lottery.mjs: that the public units are derived from the private
// list of who applied.
import { programmeSlug } from '~/models/lottery/schemas'
import { verifyLottery } from '~/models/lottery/verify.server'
import { db } from '~/utils/db.server'

const slug = programmeSlug.safeParse(process.argv[2])
if (!slug.success) {
  console.error('usage: npm run lottery:verify -- <programme-slug>')
  process.exit(2)
}
try {
  const result = await verifyLottery(slug.data)
  if (result.ok) {
    console.log(
      `lottery: ok units=${result.units} placed=${result.placed} waitlisted=${result.waitlisted} unplaced=${result.unplaced} commitment=${result.commitmentHash}`,
    )
  } else {
    for (const problem of result.problems) console.log(`lottery: FAILED ${problem}`)
    process.exitCode = 1
  }
} finally {
  await db.$disconnect()
}
