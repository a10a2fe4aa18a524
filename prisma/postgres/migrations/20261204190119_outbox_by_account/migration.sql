-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "userId" TEXT;

-- CreateIndex
CREATE INDEX "OutboxMessage_userId_idx" ON "OutboxMessage"("userId");

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Backfill: booking mail belongs to the booking's booker; other mail to the account that
-- holds the address now (what "my mail" selected by until this migration)
UPDATE "OutboxMessage" SET "userId" = (SELECT "bookerId" FROM "Booking" WHERE "Booking"."id" = "OutboxMessage"."bookingId") WHERE "bookingId" IS NOT NULL;
UPDATE "OutboxMessage" SET "userId" = (SELECT "id" FROM "User" WHERE "User"."email" = "OutboxMessage"."toEmail") WHERE "userId" IS NULL;
