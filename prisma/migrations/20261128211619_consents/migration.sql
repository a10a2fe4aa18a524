-- CreateTable
CREATE TABLE "Consent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "childId" TEXT,
    "kind" TEXT NOT NULL,
    "noticeVersion" INTEGER NOT NULL,
    "grantedAt" DATETIME NOT NULL,
    "withdrawnAt" DATETIME,
    CONSTRAINT "Consent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Consent_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
    "locale" TEXT NOT NULL DEFAULT 'zh-CN',
    "departmentId" TEXT,
    "calendarToken" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "User_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_User" ("birthDate", "calendarToken", "createdAt", "departmentId", "email", "emailVerifiedAt", "gender", "id", "locale", "memberNo", "memberVerifiedAt", "memberVerifiedBy", "name", "passwordHash", "phone", "role", "updatedAt") SELECT "birthDate", "calendarToken", "createdAt", "departmentId", "email", "emailVerifiedAt", "gender", "id", "locale", "memberNo", "memberVerifiedAt", "memberVerifiedBy", "name", "passwordHash", "phone", "role", "updatedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE UNIQUE INDEX "User_calendarToken_key" ON "User"("calendarToken");
CREATE INDEX "User_departmentId_idx" ON "User"("departmentId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Consent_userId_idx" ON "Consent"("userId");

-- CreateIndex
CREATE INDEX "Consent_childId_idx" ON "Consent"("childId");

