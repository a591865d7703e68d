-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN "handOverToId" TEXT;
