-- AlterTable
ALTER TABLE "MailOutbox" ADD COLUMN "inReplyTo" TEXT;
ALTER TABLE "MailOutbox" ADD COLUMN "references" TEXT;
