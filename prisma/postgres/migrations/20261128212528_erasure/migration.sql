-- AlterTable
ALTER TABLE "User" ADD COLUMN     "erasedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Child" ADD COLUMN     "erasedAt" TIMESTAMP(3);

