-- AlterTable
ALTER TABLE "Booking" ADD COLUMN "badgeNo" INTEGER;

-- CreateTable
CREATE TABLE "ChoiceRound" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "openedAt" DATETIME NOT NULL,
    "closedAt" DATETIME,
    "participants" INTEGER,
    "pairs" INTEGER,
    "purgedAt" DATETIME,
    CONSTRAINT "ChoiceRound_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ChoiceEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "bookingId" TEXT NOT NULL,
    "sealed" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ChoiceEntry_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Programme" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "titleZh" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "summaryZh" TEXT NOT NULL,
    "summaryEn" TEXT NOT NULL,
    "descriptionZh" TEXT NOT NULL,
    "descriptionEn" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "minAge" INTEGER,
    "maxAge" INTEGER,
    "membersOnly" BOOLEAN NOT NULL DEFAULT false,
    "bookingOpensAt" DATETIME NOT NULL,
    "bookingClosesAt" DATETIME NOT NULL,
    "cancelDeadlineHours" INTEGER NOT NULL DEFAULT 24,
    "waitlistMode" TEXT NOT NULL DEFAULT 'auto',
    "offerHours" INTEGER NOT NULL DEFAULT 24,
    "perBookerLimit" INTEGER,
    "contactPhone" TEXT,
    "allocation" TEXT NOT NULL DEFAULT 'first-come',
    "drawAt" DATETIME,
    "drawSource" TEXT NOT NULL DEFAULT '',
    "drawFallback" TEXT NOT NULL DEFAULT '',
    "mutualChoice" BOOLEAN NOT NULL DEFAULT false,
    "mutualChoiceMax" INTEGER NOT NULL DEFAULT 3,
    "priorityTiers" TEXT NOT NULL DEFAULT '',
    "completionMeetings" INTEGER,
    "completionPercent" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Programme_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Programme" ("allocation", "audience", "bookingClosesAt", "bookingOpensAt", "cancelDeadlineHours", "completionMeetings", "completionPercent", "contactPhone", "createdAt", "departmentId", "descriptionEn", "descriptionZh", "drawAt", "drawFallback", "drawSource", "id", "kind", "maxAge", "membersOnly", "minAge", "offerHours", "perBookerLimit", "priorityTiers", "slug", "status", "summaryEn", "summaryZh", "titleEn", "titleZh", "updatedAt", "waitlistMode") SELECT "allocation", "audience", "bookingClosesAt", "bookingOpensAt", "cancelDeadlineHours", "completionMeetings", "completionPercent", "contactPhone", "createdAt", "departmentId", "descriptionEn", "descriptionZh", "drawAt", "drawFallback", "drawSource", "id", "kind", "maxAge", "membersOnly", "minAge", "offerHours", "perBookerLimit", "priorityTiers", "slug", "status", "summaryEn", "summaryZh", "titleEn", "titleZh", "updatedAt", "waitlistMode" FROM "Programme";
DROP TABLE "Programme";
ALTER TABLE "new_Programme" RENAME TO "Programme";
CREATE UNIQUE INDEX "Programme_slug_key" ON "Programme"("slug");
CREATE INDEX "Programme_status_kind_idx" ON "Programme"("status", "kind");
CREATE INDEX "Programme_departmentId_idx" ON "Programme"("departmentId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "ChoiceRound_sessionId_key" ON "ChoiceRound"("sessionId");

-- CreateIndex
CREATE UNIQUE INDEX "ChoiceEntry_bookingId_key" ON "ChoiceEntry"("bookingId");

-- CreateIndex
CREATE UNIQUE INDEX "Booking_sessionId_badgeNo_key" ON "Booking"("sessionId", "badgeNo");

