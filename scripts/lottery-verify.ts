// npm run lottery:verify -- <programme-slug>
// Recomputes a drawn lottery from its revealed seed and frozen entries in the database named
// by DATABASE_URL (as the app reads it) and prints
//   lottery: ok entries=N placed=N waitlisted=N hash=<SHA-256 of the frozen entries>
// or says where it differs, exiting 1 (app/models/lottery/verify.server.ts).
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
    console.log(`lottery: ok entries=${result.entries} placed=${result.placed} waitlisted=${result.waitlisted} hash=${result.hash}`)
  } else {
    console.log(`lottery: FAILED ${result.problem}`)
    process.exitCode = 1
  }
} finally {
  await db.$disconnect()
}
