-- AlterTable
ALTER TABLE "LotteryEntry" ADD COLUMN "answersSealed" TEXT;

