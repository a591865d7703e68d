-- AlterTable
ALTER TABLE "MailOutbox" ADD COLUMN     "inReplyTo" TEXT,
ADD COLUMN     "references" TEXT;
