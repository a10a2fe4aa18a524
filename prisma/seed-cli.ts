// `tsx prisma/seed-cli.ts` — the demo data on an empty database. scripts/start.js runs it
// (SEED=true, the default) after the migrations and before the server starts, so the seed and
// its factories stay out of the production bundle (tests/integration/lint.test.ts reads it).
import { db, isUniqueViolation } from '~/utils/db.server'
import { seedDemoData } from './seed'

if ((await db.user.count()) === 0) {
  try {
    await seedDemoData(db)
    console.log('[seed] seeded demo data')
  } catch (error) {
    // two instances started on an empty database at once: the seed's first row (a
    // department's unique slug) lets only one of them seed
    if (!isUniqueViolation(error)) throw error
    console.log('[seed] another instance is seeding the demo data')
  }
}
await db.$disconnect()
