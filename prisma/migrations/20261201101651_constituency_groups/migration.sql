-- CreateTable
CREATE TABLE "ConstituencyGroup" (
    "constituencyId" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "followedById" TEXT NOT NULL,
    "followedAt" TIMESTAMP(3) NOT NULL,
    "syncedAt" TIMESTAMP(3),

    CONSTRAINT "ConstituencyGroup_pkey" PRIMARY KEY ("constituencyId","platform","workspaceId")
);

-- CreateIndex
CREATE INDEX "ConstituencyGroup_platform_workspaceId_groupId_idx" ON "ConstituencyGroup"("platform", "workspaceId", "groupId");

-- AddForeignKey
ALTER TABLE "ConstituencyGroup" ADD CONSTRAINT "ConstituencyGroup_constituencyId_fkey" FOREIGN KEY ("constituencyId") REFERENCES "Constituency"("id") ON DELETE CASCADE ON UPDATE CASCADE;
