import type { Prisma } from '../../../generated/prisma/client'
import { db } from '~/utils/db.server'
import { drawSeed } from './draw'

/** The Lottery columns a lottery's public story is told from (never the sealed seed). */
export const storySelect = {
  entriesHash: true,
  seedHash: true,
  seed: true,
  resultHash: true,
  frozenAt: true,
  drawnAt: true,
  publicValue: true,
  publicValueFrom: true,
  publicValueNote: true,
  publicValueAt: true,
} as const

type StoryRow = Prisma.LotteryGetPayload<{ select: typeof storySelect }>

/**
 * The moments of a lottery as the programme and results pages show them: the public value's
 * named sources and the draw time (from the start), frozen at with the commitment's hash and the
 * server seed's (from the freeze), the public value as entered, then the server seed, the seed
 * they make and the result's hash (from the draw). The sources are the programme's own, which
 * cannot change once frozen (they are inside the commitment).
 */
export function lotteryStory(
  programme: { slug: string; drawAt: Date | null; drawSource: string; drawFallback: string },
  lottery: StoryRow | null,
) {
  const drawn = Boolean(lottery?.drawnAt && lottery.seed && lottery.publicValue)
  return {
    slug: programme.slug,
    drawAt: programme.drawAt,
    source: { primary: programme.drawSource, fallback: programme.drawFallback },
    frozenAt: lottery?.frozenAt ?? null,
    commitmentHash: lottery?.entriesHash ?? null,
    seedHash: lottery?.seedHash ?? null,
    publicValue: lottery?.publicValue ?? null,
    publicValueFrom: lottery?.publicValueFrom ?? null,
    publicValueNote: lottery?.publicValueNote ?? null,
    publicValueAt: lottery?.publicValueAt ?? null,
    serverSeed: drawn ? lottery!.seed : null,
    seed: drawn ? drawSeed(lottery!.seed!, lottery!.publicValue!) : null,
    resultHash: drawn ? lottery!.resultHash : null,
    drawnAt: lottery?.drawnAt ?? null,
  }
}
export type LotteryStory = ReturnType<typeof lotteryStory>

/** A lottery programme's story, for its pages. */
export async function lotteryStoryOf(programmeId: string) {
  const programme = await db.programme.findUniqueOrThrow({
    where: { id: programmeId },
    select: { slug: true, drawAt: true, drawSource: true, drawFallback: true, lottery: { select: storySelect } },
  })
  return lotteryStory(programme, programme.lottery)
}
