-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "platformAdmin" BOOLEAN NOT NULL DEFAULT false;
