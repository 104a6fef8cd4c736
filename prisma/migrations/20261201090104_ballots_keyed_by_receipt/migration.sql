/*
  Warnings:

  - You are about to drop the column `voterKey` on the `Ballot` table. All the data in the column will be lost.
  - You are about to drop the column `ballotKey` on the `Election` table. All the data in the column will be lost.
  - A unique constraint covering the columns `[electionId,key]` on the table `Ballot` will be added. If there are existing duplicate values, this will fail.

*/
-- DropIndex
DROP INDEX "Ballot_electionId_voterKey_key";

-- AlterTable
ALTER TABLE "Ballot" DROP COLUMN "voterKey",
ADD COLUMN     "key" TEXT;

-- AlterTable
ALTER TABLE "Election" DROP COLUMN "ballotKey";

-- CreateTable
CREATE TABLE "HasVoted" (
    "electionId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,

    CONSTRAINT "HasVoted_pkey" PRIMARY KEY ("electionId","memberId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Ballot_electionId_key_key" ON "Ballot"("electionId", "key");

-- AddForeignKey
ALTER TABLE "HasVoted" ADD CONSTRAINT "HasVoted_electionId_fkey" FOREIGN KEY ("electionId") REFERENCES "Election"("id") ON DELETE CASCADE ON UPDATE CASCADE;
