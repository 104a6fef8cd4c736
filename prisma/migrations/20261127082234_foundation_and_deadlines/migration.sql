-- CreateTable
CREATE TABLE "Network" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "defaultZone" TEXT NOT NULL DEFAULT 'UTC',
    "shortNoticeHours" INTEGER NOT NULL DEFAULT 72,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "nextDeadlineNo" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Network_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Workspace" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Workspace_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Member" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "zone" TEXT,
    "platformZone" TEXT,
    "zonePromptedAt" TIMESTAMP(3),
    "quietStart" TEXT,
    "quietEnd" TEXT,
    "quietOff" BOOLEAN NOT NULL DEFAULT false,
    "isOrganiser" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Identity" (
    "id" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Identity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Constituency" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "open" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Constituency_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConstituencyMembership" (
    "constituencyId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'member',
    "joinedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConstituencyMembership_pkey" PRIMARY KEY ("constituencyId","memberId")
);

-- CreateTable
CREATE TABLE "Deadline" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "zone" TEXT NOT NULL,
    "constituencyId" TEXT,
    "ladder" JSONB NOT NULL,
    "link" TEXT,
    "createdById" TEXT NOT NULL,
    "announcedAt" TIMESTAMP(3) NOT NULL,
    "cancelledAt" TIMESTAMP(3),
    "channel" JSONB,
    "generation" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Deadline_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeadlineEvent" (
    "id" TEXT NOT NULL,
    "deadlineId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "byMemberId" TEXT NOT NULL,
    "fromDueAt" TIMESTAMP(3),
    "toDueAt" TIMESTAMP(3),
    "noticeMs" BIGINT,

    CONSTRAINT "DeadlineEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeadlineRecipient" (
    "deadlineId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "toldAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DeadlineRecipient_pkey" PRIMARY KEY ("deadlineId","memberId")
);

-- CreateTable
CREATE TABLE "Reminder" (
    "id" TEXT NOT NULL,
    "deadlineId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "step" INTEGER NOT NULL,
    "offsetMs" BIGINT NOT NULL,
    "generation" INTEGER NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "shifted" BOOLEAN NOT NULL DEFAULT false,
    "sentAt" TIMESTAMP(3),
    "late" BOOLEAN NOT NULL DEFAULT false,
    "droppedAt" TIMESTAMP(3),

    CONSTRAINT "Reminder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Workspace_platform_externalId_key" ON "Workspace"("platform", "externalId");

-- CreateIndex
CREATE INDEX "Member_networkId_nameKey_idx" ON "Member"("networkId", "nameKey");

-- CreateIndex
CREATE UNIQUE INDEX "Identity_platform_workspaceId_userId_key" ON "Identity"("platform", "workspaceId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "Constituency_networkId_nameKey_key" ON "Constituency"("networkId", "nameKey");

-- CreateIndex
CREATE INDEX "ConstituencyMembership_memberId_idx" ON "ConstituencyMembership"("memberId");

-- CreateIndex
CREATE INDEX "Deadline_networkId_dueAt_idx" ON "Deadline"("networkId", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "Deadline_networkId_number_key" ON "Deadline"("networkId", "number");

-- CreateIndex
CREATE INDEX "DeadlineEvent_deadlineId_at_idx" ON "DeadlineEvent"("deadlineId", "at");

-- CreateIndex
CREATE INDEX "Reminder_sentAt_droppedAt_dueAt_idx" ON "Reminder"("sentAt", "droppedAt", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "Reminder_deadlineId_memberId_step_generation_key" ON "Reminder"("deadlineId", "memberId", "step", "generation");

-- AddForeignKey
ALTER TABLE "Workspace" ADD CONSTRAINT "Workspace_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Member" ADD CONSTRAINT "Member_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Identity" ADD CONSTRAINT "Identity_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Constituency" ADD CONSTRAINT "Constituency_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConstituencyMembership" ADD CONSTRAINT "ConstituencyMembership_constituencyId_fkey" FOREIGN KEY ("constituencyId") REFERENCES "Constituency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConstituencyMembership" ADD CONSTRAINT "ConstituencyMembership_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deadline" ADD CONSTRAINT "Deadline_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deadline" ADD CONSTRAINT "Deadline_constituencyId_fkey" FOREIGN KEY ("constituencyId") REFERENCES "Constituency"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeadlineEvent" ADD CONSTRAINT "DeadlineEvent_deadlineId_fkey" FOREIGN KEY ("deadlineId") REFERENCES "Deadline"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeadlineRecipient" ADD CONSTRAINT "DeadlineRecipient_deadlineId_fkey" FOREIGN KEY ("deadlineId") REFERENCES "Deadline"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeadlineRecipient" ADD CONSTRAINT "DeadlineRecipient_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_deadlineId_fkey" FOREIGN KEY ("deadlineId") REFERENCES "Deadline"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;
