-- CreateTable
CREATE TABLE "ContactReason" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "nameNl" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ConversationReason" (
    "conversationId" TEXT NOT NULL,
    "reasonId" TEXT NOT NULL,
    "setById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("conversationId", "reasonId"),
    CONSTRAINT "ConversationReason_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ConversationReason_reasonId_fkey" FOREIGN KEY ("reasonId") REFERENCES "ContactReason" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ServiceTarget" (
    "metric" TEXT NOT NULL PRIMARY KEY,
    "target" REAL NOT NULL,
    "seconds" INTEGER,
    "updatedById" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ReviewNote" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "conversationId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "operatorId" TEXT,
    "note" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReviewNote_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PresenceInterval" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "presence" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" DATETIME
);

-- CreateIndex
CREATE INDEX "ConversationReason_reasonId_idx" ON "ConversationReason"("reasonId");

-- CreateIndex
CREATE INDEX "ReviewNote_conversationId_idx" ON "ReviewNote"("conversationId");

-- CreateIndex
CREATE INDEX "ReviewNote_operatorId_createdAt_idx" ON "ReviewNote"("operatorId", "createdAt");

-- CreateIndex
CREATE INDEX "PresenceInterval_userId_endedAt_idx" ON "PresenceInterval"("userId", "endedAt");

-- CreateIndex
CREATE INDEX "PresenceInterval_startedAt_idx" ON "PresenceInterval"("startedAt");
