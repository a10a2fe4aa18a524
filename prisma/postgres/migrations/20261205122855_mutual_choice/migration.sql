-- AlterTable
ALTER TABLE "Programme" ADD COLUMN     "mutualChoice" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "mutualChoiceMax" INTEGER NOT NULL DEFAULT 3;

-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "badgeNo" INTEGER;

-- CreateTable
CREATE TABLE "ChoiceRound" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),
    "participants" INTEGER,
    "pairs" INTEGER,
    "purgedAt" TIMESTAMP(3),

    CONSTRAINT "ChoiceRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChoiceEntry" (
    "id" TEXT NOT NULL,
    "bookingId" TEXT NOT NULL,
    "sealed" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChoiceEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ChoiceRound_sessionId_key" ON "ChoiceRound"("sessionId");

-- CreateIndex
CREATE UNIQUE INDEX "ChoiceEntry_bookingId_key" ON "ChoiceEntry"("bookingId");

-- CreateIndex
CREATE UNIQUE INDEX "Booking_sessionId_badgeNo_key" ON "Booking"("sessionId", "badgeNo");

-- AddForeignKey
ALTER TABLE "ChoiceRound" ADD CONSTRAINT "ChoiceRound_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChoiceEntry" ADD CONSTRAINT "ChoiceEntry_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;

