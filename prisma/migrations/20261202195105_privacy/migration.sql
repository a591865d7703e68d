-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN "erasedAt" DATETIME;
ALTER TABLE "Conversation" ADD COLUMN "methodTally" TEXT;

-- AlterTable
ALTER TABLE "OfflineMessage" ADD COLUMN "erasedAt" DATETIME;

-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "until" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "AuditEntry_createdAt_idx" ON "AuditEntry"("createdAt");
