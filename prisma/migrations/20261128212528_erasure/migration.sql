-- AlterTable
ALTER TABLE "User" ADD COLUMN "erasedAt" DATETIME;

-- AlterTable
ALTER TABLE "Child" ADD COLUMN "erasedAt" DATETIME;

