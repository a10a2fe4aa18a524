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
    "priorityTiers" TEXT NOT NULL DEFAULT '',
    "completionMeetings" INTEGER,
    "completionPercent" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Programme_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Programme" ("allocation", "audience", "bookingClosesAt", "bookingOpensAt", "cancelDeadlineHours", "completionMeetings", "completionPercent", "contactPhone", "createdAt", "departmentId", "descriptionEn", "descriptionZh", "drawAt", "id", "kind", "maxAge", "membersOnly", "minAge", "offerHours", "perBookerLimit", "priorityTiers", "slug", "status", "summaryEn", "summaryZh", "titleEn", "titleZh", "updatedAt", "waitlistMode") SELECT "allocation", "audience", "bookingClosesAt", "bookingOpensAt", "cancelDeadlineHours", "completionMeetings", "completionPercent", "contactPhone", "createdAt", "departmentId", "descriptionEn", "descriptionZh", "drawAt", "id", "kind", "maxAge", "membersOnly", "minAge", "offerHours", "perBookerLimit", "priorityTiers", "slug", "status", "summaryEn", "summaryZh", "titleEn", "titleZh", "updatedAt", "waitlistMode" FROM "Programme";
DROP TABLE "Programme";
ALTER TABLE "new_Programme" RENAME TO "Programme";
CREATE UNIQUE INDEX "Programme_slug_key" ON "Programme"("slug");
CREATE INDEX "Programme_status_kind_idx" ON "Programme"("status", "kind");
CREATE INDEX "Programme_departmentId_idx" ON "Programme"("departmentId");
CREATE TABLE "new_Lottery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programmeId" TEXT NOT NULL,
    "frozenEntries" TEXT NOT NULL,
    "commitment" TEXT,
    "entriesHash" TEXT NOT NULL,
    "seedHash" TEXT NOT NULL,
    "seedSealed" TEXT NOT NULL,
    "seed" TEXT,
    "frozenAt" DATETIME NOT NULL,
    "publicValue" TEXT,
    "publicValueFrom" TEXT,
    "publicValueNote" TEXT,
    "publicValueAt" DATETIME,
    "publicValueById" TEXT,
    "withdrawn" TEXT,
    "result" TEXT,
    "resultHash" TEXT,
    "drawnAt" DATETIME,
    "drawnById" TEXT,
    CONSTRAINT "Lottery_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Lottery" ("drawnAt", "drawnById", "entriesHash", "frozenAt", "frozenEntries", "id", "programmeId", "result", "resultHash", "seed", "seedHash", "seedSealed") SELECT "drawnAt", "drawnById", "entriesHash", "frozenAt", "frozenEntries", "id", "programmeId", "result", "resultHash", "seed", "seedHash", "seedSealed" FROM "Lottery";
DROP TABLE "Lottery";
ALTER TABLE "new_Lottery" RENAME TO "Lottery";
CREATE UNIQUE INDEX "Lottery_programmeId_key" ON "Lottery"("programmeId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- A lottery frozen but not drawn before public commitments (format 1) is frozen again under the
-- new rules at the next job tick: its entries are untouched (docs/decisions/0015-lottery.md).
DELETE FROM "Lottery" WHERE "commitment" IS NULL AND "drawnAt" IS NULL;
