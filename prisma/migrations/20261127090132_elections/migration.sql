-- AlterTable
ALTER TABLE "Deadline" ADD COLUMN     "electionId" TEXT,
ADD COLUMN     "electionPhase" TEXT;

-- AlterTable
ALTER TABLE "Network" ADD COLUMN     "nextElectionNo" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "Election" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "constituencyId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "seats" INTEGER NOT NULL,
    "method" TEXT NOT NULL,
    "endorsementsNeeded" INTEGER NOT NULL DEFAULT 0,
    "nominationsCloseAt" TIMESTAMP(3) NOT NULL,
    "votingCloseAt" TIMESTAMP(3) NOT NULL,
    "zone" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "rules" JSONB,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "openedAt" TIMESTAMP(3),
    "votingOpenedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "seed" TEXT,
    "seedHash" TEXT,
    "ballotKey" TEXT,
    "rollSize" INTEGER,
    "rollHash" TEXT,
    "result" JSONB,
    "channel" JSONB,

    CONSTRAINT "Election_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Nomination" (
    "electionId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "nominatedById" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Nomination_pkey" PRIMARY KEY ("electionId","memberId")
);

-- CreateTable
CREATE TABLE "Endorsement" (
    "electionId" TEXT NOT NULL,
    "candidateId" TEXT NOT NULL,
    "endorserId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Endorsement_pkey" PRIMARY KEY ("electionId","candidateId","endorserId")
);

-- CreateTable
CREATE TABLE "RollEntry" (
    "electionId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,

    CONSTRAINT "RollEntry_pkey" PRIMARY KEY ("electionId","memberId")
);

-- CreateTable
CREATE TABLE "Ballot" (
    "id" TEXT NOT NULL,
    "electionId" TEXT NOT NULL,
    "voterKey" TEXT NOT NULL,
    "choices" JSONB NOT NULL,
    "receiptHash" TEXT NOT NULL,
    "castAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Ballot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ElectionLogEntry" (
    "electionId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "payload" JSONB NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "ElectionLogEntry_pkey" PRIMARY KEY ("electionId","seq")
);

-- CreateTable
CREATE TABLE "Mandate" (
    "id" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "constituencyId" TEXT NOT NULL,
    "electionId" TEXT NOT NULL,
    "votes" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "electedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Mandate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Election_status_idx" ON "Election"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Election_networkId_number_key" ON "Election"("networkId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Ballot_electionId_voterKey_key" ON "Ballot"("electionId", "voterKey");

-- CreateIndex
CREATE INDEX "Mandate_memberId_idx" ON "Mandate"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "Mandate_electionId_memberId_key" ON "Mandate"("electionId", "memberId");

-- AddForeignKey
ALTER TABLE "Election" ADD CONSTRAINT "Election_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Election" ADD CONSTRAINT "Election_constituencyId_fkey" FOREIGN KEY ("constituencyId") REFERENCES "Constituency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Nomination" ADD CONSTRAINT "Nomination_electionId_fkey" FOREIGN KEY ("electionId") REFERENCES "Election"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Endorsement" ADD CONSTRAINT "Endorsement_electionId_fkey" FOREIGN KEY ("electionId") REFERENCES "Election"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RollEntry" ADD CONSTRAINT "RollEntry_electionId_fkey" FOREIGN KEY ("electionId") REFERENCES "Election"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ballot" ADD CONSTRAINT "Ballot_electionId_fkey" FOREIGN KEY ("electionId") REFERENCES "Election"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ElectionLogEntry" ADD CONSTRAINT "ElectionLogEntry_electionId_fkey" FOREIGN KEY ("electionId") REFERENCES "Election"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mandate" ADD CONSTRAINT "Mandate_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mandate" ADD CONSTRAINT "Mandate_constituencyId_fkey" FOREIGN KEY ("constituencyId") REFERENCES "Constituency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mandate" ADD CONSTRAINT "Mandate_electionId_fkey" FOREIGN KEY ("electionId") REFERENCES "Election"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The election log is append-only: refuse any UPDATE or DELETE of its rows, whoever asks.
CREATE FUNCTION "election_log_append_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'ElectionLogEntry is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "ElectionLogEntry_append_only"
  BEFORE UPDATE OR DELETE ON "ElectionLogEntry"
  FOR EACH ROW EXECUTE FUNCTION "election_log_append_only"();
