-- AlterTable
ALTER TABLE "MemberRecord" ADD COLUMN     "unit" TEXT;

-- CreateIndex
CREATE INDEX "Booking_childId_idx" ON "Booking"("childId");

-- CreateIndex
CREATE INDEX "Booking_attendeeUserId_idx" ON "Booking"("attendeeUserId");

