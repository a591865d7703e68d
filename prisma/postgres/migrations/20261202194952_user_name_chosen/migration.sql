-- AlterTable
ALTER TABLE "User" ADD COLUMN     "nameChosen" BOOLEAN NOT NULL DEFAULT true;
