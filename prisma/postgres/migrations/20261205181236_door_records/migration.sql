-- CreateTable
CREATE TABLE "DoorRecord" (
    "id" TEXT NOT NULL,
    "bookingId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "collectorKind" TEXT,
    "collectorName" TEXT,
    "reason" TEXT,
    "deviceAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "recordedById" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "error" TEXT,
    "settledAt" TIMESTAMP(3),
    "settledById" TEXT,

    CONSTRAINT "DoorRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DoorRecord_sessionId_settledAt_idx" ON "DoorRecord"("sessionId", "settledAt");

-- CreateIndex
CREATE INDEX "DoorRecord_bookingId_idx" ON "DoorRecord"("bookingId");

-- AddForeignKey
ALTER TABLE "DoorRecord" ADD CONSTRAINT "DoorRecord_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;

