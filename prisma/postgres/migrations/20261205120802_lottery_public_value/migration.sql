-- AlterTable
ALTER TABLE "Programme" ADD COLUMN     "drawFallback" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "drawSource" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Lottery" DROP COLUMN "seats",
ADD COLUMN     "commitment" TEXT,
ADD COLUMN     "publicValue" TEXT,
ADD COLUMN     "publicValueAt" TIMESTAMP(3),
ADD COLUMN     "publicValueById" TEXT,
ADD COLUMN     "publicValueFrom" TEXT,
ADD COLUMN     "publicValueNote" TEXT,
ADD COLUMN     "withdrawn" TEXT;


-- A lottery frozen but not drawn before public commitments (format 1) is frozen again under the
-- new rules at the next job tick: its entries are untouched (docs/decisions/0015-lottery.md).
DELETE FROM "Lottery" WHERE "commitment" IS NULL AND "drawnAt" IS NULL;
