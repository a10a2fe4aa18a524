-- CreateTable
CREATE TABLE "DoorRecord" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "bookingId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "collectorKind" TEXT,
    "collectorName" TEXT,
    "reason" TEXT,
    "deviceAt" DATETIME NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    "recordedById" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "error" TEXT,
    "settledAt" DATETIME,
    "settledById" TEXT,
    CONSTRAINT "DoorRecord_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "DoorRecord_sessionId_settledAt_idx" ON "DoorRecord"("sessionId", "settledAt");

-- CreateIndex
CREATE INDEX "DoorRecord_bookingId_idx" ON "DoorRecord"("bookingId");

