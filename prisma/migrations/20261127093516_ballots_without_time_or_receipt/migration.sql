/*
  Warnings:

  - You are about to drop the column `castAt` on the `Ballot` table. All the data in the column will be lost.
  - You are about to drop the column `receiptHash` on the `Ballot` table. All the data in the column will be lost.

*/
-- AlterTable
ALTER TABLE "Ballot" DROP COLUMN "castAt",
DROP COLUMN "receiptHash";
