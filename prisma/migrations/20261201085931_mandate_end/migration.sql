-- AlterTable
ALTER TABLE "Mandate" ADD COLUMN     "endedAt" TIMESTAMP(3);
