-- CreateTable
CREATE TABLE "Reminder" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "bookingId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Reminder_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Feedback" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "bookingId" TEXT NOT NULL,
    "askedAt" DATETIME NOT NULL,
    "rating" INTEGER,
    "comment" TEXT,
    "answeredAt" DATETIME,
    CONSTRAINT "Feedback_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'member',
    "name" TEXT NOT NULL,
    "phone" TEXT,
    "gender" TEXT,
    "birthDate" DATETIME,
    "memberNo" TEXT,
    "memberVerifiedAt" DATETIME,
    "memberVerifiedBy" TEXT,
    "emailVerifiedAt" DATETIME,
    "noticeVersion" INTEGER NOT NULL DEFAULT 0,
    "erasedAt" DATETIME,
    "locale" TEXT NOT NULL DEFAULT 'zh-CN',
    "remindersOff" BOOLEAN NOT NULL DEFAULT false,
    "departmentId" TEXT,
    "calendarToken" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "User_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_User" ("birthDate", "calendarToken", "createdAt", "departmentId", "email", "emailVerifiedAt", "erasedAt", "gender", "id", "locale", "memberNo", "memberVerifiedAt", "memberVerifiedBy", "name", "noticeVersion", "passwordHash", "phone", "role", "updatedAt") SELECT "birthDate", "calendarToken", "createdAt", "departmentId", "email", "emailVerifiedAt", "erasedAt", "gender", "id", "locale", "memberNo", "memberVerifiedAt", "memberVerifiedBy", "name", "noticeVersion", "passwordHash", "phone", "role", "updatedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE UNIQUE INDEX "User_calendarToken_key" ON "User"("calendarToken");
CREATE INDEX "User_departmentId_idx" ON "User"("departmentId");
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
    "reminderRules" TEXT,
    "prepareZh" TEXT NOT NULL DEFAULT '',
    "prepareEn" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'draft',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Programme_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Programme" ("allocation", "audience", "bookingClosesAt", "bookingOpensAt", "cancelDeadlineHours", "completionMeetings", "completionPercent", "contactPhone", "createdAt", "departmentId", "descriptionEn", "descriptionZh", "drawAt", "drawFallback", "drawSource", "id", "kind", "maxAge", "membersOnly", "minAge", "mutualChoice", "mutualChoiceMax", "offerHours", "perBookerLimit", "priorityTiers", "slug", "status", "summaryEn", "summaryZh", "titleEn", "titleZh", "updatedAt", "waitlistMode") SELECT "allocation", "audience", "bookingClosesAt", "bookingOpensAt", "cancelDeadlineHours", "completionMeetings", "completionPercent", "contactPhone", "createdAt", "departmentId", "descriptionEn", "descriptionZh", "drawAt", "drawFallback", "drawSource", "id", "kind", "maxAge", "membersOnly", "minAge", "mutualChoice", "mutualChoiceMax", "offerHours", "perBookerLimit", "priorityTiers", "slug", "status", "summaryEn", "summaryZh", "titleEn", "titleZh", "updatedAt", "waitlistMode" FROM "Programme";
DROP TABLE "Programme";
ALTER TABLE "new_Programme" RENAME TO "Programme";
CREATE UNIQUE INDEX "Programme_slug_key" ON "Programme"("slug");
CREATE INDEX "Programme_status_kind_idx" ON "Programme"("status", "kind");
CREATE INDEX "Programme_departmentId_idx" ON "Programme"("departmentId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Reminder_bookingId_day_rule_key" ON "Reminder"("bookingId", "day", "rule");

-- CreateIndex
CREATE UNIQUE INDEX "Feedback_bookingId_key" ON "Feedback"("bookingId");

-- CreateIndex
CREATE INDEX "Session_repeatUntil_idx" ON "Session"("repeatUntil");

