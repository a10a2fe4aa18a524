-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OutboxMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "toEmail" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "bookingId" TEXT,
    "userId" TEXT,
    "payload" TEXT NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "lastError" TEXT,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OutboxMessage_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "OutboxMessage_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_OutboxMessage" ("attempts", "bookingId", "createdAt", "id", "kind", "lastError", "leaseOwner", "leaseUntil", "locale", "nextAttemptAt", "payload", "sentAt", "status", "toEmail") SELECT "attempts", "bookingId", "createdAt", "id", "kind", "lastError", "leaseOwner", "leaseUntil", "locale", "nextAttemptAt", "payload", "sentAt", "status", "toEmail" FROM "OutboxMessage";
DROP TABLE "OutboxMessage";
ALTER TABLE "new_OutboxMessage" RENAME TO "OutboxMessage";
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");
CREATE INDEX "OutboxMessage_userId_idx" ON "OutboxMessage"("userId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Backfill: booking mail belongs to the booking's booker; other mail to the account that
-- holds the address now (what "my mail" selected by until this migration)
UPDATE "OutboxMessage" SET "userId" = (SELECT "bookerId" FROM "Booking" WHERE "Booking"."id" = "OutboxMessage"."bookingId") WHERE "bookingId" IS NOT NULL;
UPDATE "OutboxMessage" SET "userId" = (SELECT "id" FROM "User" WHERE "User"."email" = "OutboxMessage"."toEmail") WHERE "userId" IS NULL;
