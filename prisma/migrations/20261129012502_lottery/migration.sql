-- AlterTable
ALTER TABLE "Booking" ADD COLUMN "householdId" TEXT;

-- CreateTable
CREATE TABLE "LotteryEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programmeId" TEXT NOT NULL,
    "applicantId" TEXT NOT NULL,
    "attendees" TEXT NOT NULL,
    "choices" TEXT NOT NULL,
    "together" BOOLEAN NOT NULL DEFAULT true,
    "code" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "LotteryEntry_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LotteryEntry_applicantId_fkey" FOREIGN KEY ("applicantId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Lottery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programmeId" TEXT NOT NULL,
    "frozenEntries" TEXT NOT NULL,
    "entriesHash" TEXT NOT NULL,
    "seedHash" TEXT NOT NULL,
    "seedSealed" TEXT NOT NULL,
    "seed" TEXT,
    "frozenAt" DATETIME NOT NULL,
    "seats" TEXT,
    "result" TEXT,
    "resultHash" TEXT,
    "drawnAt" DATETIME,
    "drawnById" TEXT,
    CONSTRAINT "Lottery_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
    "priorityTiers" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'draft',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Programme_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Programme" ("audience", "bookingClosesAt", "bookingOpensAt", "cancelDeadlineHours", "contactPhone", "createdAt", "departmentId", "descriptionEn", "descriptionZh", "id", "kind", "maxAge", "membersOnly", "minAge", "offerHours", "perBookerLimit", "slug", "status", "summaryEn", "summaryZh", "titleEn", "titleZh", "updatedAt", "waitlistMode") SELECT "audience", "bookingClosesAt", "bookingOpensAt", "cancelDeadlineHours", "contactPhone", "createdAt", "departmentId", "descriptionEn", "descriptionZh", "id", "kind", "maxAge", "membersOnly", "minAge", "offerHours", "perBookerLimit", "slug", "status", "summaryEn", "summaryZh", "titleEn", "titleZh", "updatedAt", "waitlistMode" FROM "Programme";
DROP TABLE "Programme";
ALTER TABLE "new_Programme" RENAME TO "Programme";
CREATE UNIQUE INDEX "Programme_slug_key" ON "Programme"("slug");
CREATE INDEX "Programme_status_kind_idx" ON "Programme"("status", "kind");
CREATE INDEX "Programme_departmentId_idx" ON "Programme"("departmentId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "LotteryEntry_programmeId_applicantId_key" ON "LotteryEntry"("programmeId", "applicantId");

-- CreateIndex
CREATE UNIQUE INDEX "Lottery_programmeId_key" ON "Lottery"("programmeId");

