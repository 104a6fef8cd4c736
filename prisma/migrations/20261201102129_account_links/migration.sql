-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "dmPlatform" TEXT;

-- CreateTable
CREATE TABLE "LinkCode" (
    "codeHash" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "LinkCode_pkey" PRIMARY KEY ("codeHash")
);

-- CreateTable
CREATE TABLE "AccountLinkEntry" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "otherMemberId" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "detail" TEXT NOT NULL,

    CONSTRAINT "AccountLinkEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LinkCode_memberId_idx" ON "LinkCode"("memberId");

-- CreateIndex
CREATE INDEX "AccountLinkEntry_networkId_at_idx" ON "AccountLinkEntry"("networkId", "at");

-- AddForeignKey
ALTER TABLE "LinkCode" ADD CONSTRAINT "LinkCode_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountLinkEntry" ADD CONSTRAINT "AccountLinkEntry_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;
