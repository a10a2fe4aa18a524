-- AlterTable
ALTER TABLE "Programme" ADD COLUMN     "completionMeetings" INTEGER,
ADD COLUMN     "completionPercent" INTEGER;


-- CreateTable
CREATE TABLE "Attendance" (
    "id" TEXT NOT NULL,
    "bookingId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "arrivedAt" TIMESTAMP(3),
    "leftAt" TIMESTAMP(3),
    "collectedById" TEXT,
    "collectedByName" TEXT,
    "overrideReason" TEXT,
    "excuseReason" TEXT,
    "recordedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Attendance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PickupPerson" (
    "id" TEXT NOT NULL,
    "childId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "relation" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PickupPerson_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Certificate" (
    "id" TEXT NOT NULL,
    "bookingId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "meetings" INTEGER NOT NULL,
    "attended" INTEGER NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Certificate_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "Attendance" ADD CONSTRAINT "Attendance_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PickupPerson" ADD CONSTRAINT "PickupPerson_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Backfill: a check-in becomes the day's arrival; a no-show the first meeting day's absence
-- (timestamp(3) columns hold UTC; the day is Shanghai's)
INSERT INTO "Attendance" ("id", "bookingId", "day", "status", "arrivedAt", "createdAt", "updatedAt")
SELECT 'c' || "id", "id", to_char(("checkedInAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'),
  'present', "checkedInAt", "checkedInAt", "checkedInAt"
FROM "Booking" WHERE "checkedInAt" IS NOT NULL;
INSERT INTO "Attendance" ("id", "bookingId", "day", "status", "createdAt", "updatedAt")
SELECT 'c' || b."id", b."id", to_char((s."startsAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'),
  'absent', b."updatedAt", b."updatedAt"
FROM "Booking" b JOIN "Session" s ON s."id" = b."sessionId" WHERE b."noShow" AND b."checkedInAt" IS NULL;

-- AlterTable
ALTER TABLE "Booking" DROP COLUMN "checkedInAt",
DROP COLUMN "noShow";
