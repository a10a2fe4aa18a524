-- AlterTable
ALTER TABLE "Programme" ADD COLUMN     "allocation" TEXT NOT NULL DEFAULT 'first-come',
ADD COLUMN     "drawAt" TIMESTAMP(3),
ADD COLUMN     "priorityTiers" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "householdId" TEXT;

-- CreateTable
CREATE TABLE "LotteryEntry" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "applicantId" TEXT NOT NULL,
    "attendees" TEXT NOT NULL,
    "choices" TEXT NOT NULL,
    "together" BOOLEAN NOT NULL DEFAULT true,
    "code" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LotteryEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Lottery" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "frozenEntries" TEXT NOT NULL,
    "entriesHash" TEXT NOT NULL,
    "seedHash" TEXT NOT NULL,
    "seedSealed" TEXT NOT NULL,
    "seed" TEXT,
    "frozenAt" TIMESTAMP(3) NOT NULL,
    "seats" TEXT,
    "result" TEXT,
    "resultHash" TEXT,
    "drawnAt" TIMESTAMP(3),
    "drawnById" TEXT,

    CONSTRAINT "Lottery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "LotteryEntry_programmeId_applicantId_key" ON "LotteryEntry"("programmeId", "applicantId");

-- CreateIndex
CREATE UNIQUE INDEX "Lottery_programmeId_key" ON "Lottery"("programmeId");

-- AddForeignKey
ALTER TABLE "LotteryEntry" ADD CONSTRAINT "LotteryEntry_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LotteryEntry" ADD CONSTRAINT "LotteryEntry_applicantId_fkey" FOREIGN KEY ("applicantId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lottery" ADD CONSTRAINT "Lottery_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

