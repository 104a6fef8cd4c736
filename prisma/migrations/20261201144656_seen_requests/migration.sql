-- CreateTable
CREATE TABLE "SeenRequest" (
    "key" TEXT NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SeenRequest_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "SeenRequest_until_idx" ON "SeenRequest"("until");
