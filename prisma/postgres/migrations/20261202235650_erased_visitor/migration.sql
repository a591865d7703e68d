-- CreateTable
CREATE TABLE "ErasedVisitor" (
    "id" TEXT NOT NULL,
    "erasedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ErasedVisitor_pkey" PRIMARY KEY ("id")
);
