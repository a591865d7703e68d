-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "erasedAt" TIMESTAMP(3),
ADD COLUMN     "methodTally" TEXT;

-- AlterTable
ALTER TABLE "OfflineMessage" ADD COLUMN     "erasedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JobLease_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "AuditEntry_createdAt_idx" ON "AuditEntry"("createdAt");
