-- CreateTable
CREATE TABLE "ContactReason" (
    "id" TEXT NOT NULL,
    "nameNl" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ContactReason_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConversationReason" (
    "conversationId" TEXT NOT NULL,
    "reasonId" TEXT NOT NULL,
    "setById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConversationReason_pkey" PRIMARY KEY ("conversationId","reasonId")
);

-- CreateTable
CREATE TABLE "ServiceTarget" (
    "metric" TEXT NOT NULL,
    "target" DOUBLE PRECISION NOT NULL,
    "seconds" INTEGER,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ServiceTarget_pkey" PRIMARY KEY ("metric")
);

-- CreateTable
CREATE TABLE "ReviewNote" (
    "id" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "operatorId" TEXT,
    "note" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PresenceInterval" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "presence" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "PresenceInterval_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "ConversationReason" ADD CONSTRAINT "ConversationReason_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConversationReason" ADD CONSTRAINT "ConversationReason_reasonId_fkey" FOREIGN KEY ("reasonId") REFERENCES "ContactReason"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewNote" ADD CONSTRAINT "ReviewNote_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
