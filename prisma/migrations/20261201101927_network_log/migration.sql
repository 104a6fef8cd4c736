-- CreateTable
CREATE TABLE "NetworkLogEntry" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "by" TEXT NOT NULL,
    "workspace" TEXT NOT NULL,
    "detail" TEXT,

    CONSTRAINT "NetworkLogEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "NetworkLogEntry_networkId_at_idx" ON "NetworkLogEntry"("networkId", "at");

-- AddForeignKey
ALTER TABLE "NetworkLogEntry" ADD CONSTRAINT "NetworkLogEntry_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;
