-- AlterTable
ALTER TABLE "Programme" ADD COLUMN "completionMeetings" INTEGER;
ALTER TABLE "Programme" ADD COLUMN "completionPercent" INTEGER;

-- CreateTable
CREATE TABLE "Attendance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "bookingId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "arrivedAt" DATETIME,
    "leftAt" DATETIME,
    "collectedById" TEXT,
    "collectedByName" TEXT,
    "overrideReason" TEXT,
    "excuseReason" TEXT,
    "recordedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Attendance_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PickupPerson" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "childId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "relation" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PickupPerson_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Certificate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "bookingId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "meetings" INTEGER NOT NULL,
    "attended" INTEGER NOT NULL,
    "issuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Certificate_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Backfill (before the columns go): a check-in becomes the day's arrival; a no-show the first
-- meeting day's absence. Dates as Prisma stores them (ISO text, or epoch milliseconds).
INSERT INTO "Attendance" ("id", "bookingId", "day", "status", "arrivedAt", "createdAt", "updatedAt")
SELECT 'c' || "id", "id",
  CASE typeof("checkedInAt") WHEN 'integer' THEN date("checkedInAt" / 1000, 'unixepoch', '+8 hours') ELSE date("checkedInAt", '+8 hours') END,
  'present', "checkedInAt", "checkedInAt", "checkedInAt"
FROM "Booking" WHERE "checkedInAt" IS NOT NULL;
INSERT INTO "Attendance" ("id", "bookingId", "day", "status", "createdAt", "updatedAt")
SELECT 'c' || b."id", b."id",
  CASE typeof(s."startsAt") WHEN 'integer' THEN date(s."startsAt" / 1000, 'unixepoch', '+8 hours') ELSE date(s."startsAt", '+8 hours') END,
  'absent', b."updatedAt", b."updatedAt"
FROM "Booking" b JOIN "Session" s ON s."id" = b."sessionId" WHERE b."noShow" = 1 AND b."checkedInAt" IS NULL;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Booking" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "bookerId" TEXT NOT NULL,
    "attendeeUserId" TEXT,
    "childId" TEXT,
    "activeKey" TEXT,
    "status" TEXT NOT NULL,
    "quotaCategory" TEXT,
    "waitlistSeq" INTEGER,
    "offerExpiresAt" DATETIME,
    "icalUid" TEXT NOT NULL,
    "icalSequence" INTEGER NOT NULL DEFAULT 0,
    "cancelledAt" DATETIME,
    "cancelReason" TEXT,
    "householdId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Booking_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Booking_bookerId_fkey" FOREIGN KEY ("bookerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Booking_attendeeUserId_fkey" FOREIGN KEY ("attendeeUserId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Booking_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Booking" ("activeKey", "attendeeUserId", "bookerId", "cancelReason", "cancelledAt", "childId", "createdAt", "householdId", "icalSequence", "icalUid", "id", "offerExpiresAt", "quotaCategory", "sessionId", "status", "updatedAt", "waitlistSeq") SELECT "activeKey", "attendeeUserId", "bookerId", "cancelReason", "cancelledAt", "childId", "createdAt", "householdId", "icalSequence", "icalUid", "id", "offerExpiresAt", "quotaCategory", "sessionId", "status", "updatedAt", "waitlistSeq" FROM "Booking";
DROP TABLE "Booking";
ALTER TABLE "new_Booking" RENAME TO "Booking";
CREATE UNIQUE INDEX "Booking_icalUid_key" ON "Booking"("icalUid");
CREATE INDEX "Booking_sessionId_status_waitlistSeq_idx" ON "Booking"("sessionId", "status", "waitlistSeq");
CREATE INDEX "Booking_bookerId_idx" ON "Booking"("bookerId");
CREATE INDEX "Booking_status_offerExpiresAt_idx" ON "Booking"("status", "offerExpiresAt");
CREATE UNIQUE INDEX "Booking_sessionId_activeKey_key" ON "Booking"("sessionId", "activeKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Attendance_day_idx" ON "Attendance"("day");

-- CreateIndex
CREATE UNIQUE INDEX "Attendance_bookingId_day_key" ON "Attendance"("bookingId", "day");

-- CreateIndex
CREATE INDEX "PickupPerson_childId_idx" ON "PickupPerson"("childId");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_bookingId_key" ON "Certificate"("bookingId");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_code_key" ON "Certificate"("code");

