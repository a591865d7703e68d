-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "role" TEXT NOT NULL DEFAULT 'operator',
    "maxChats" INTEGER NOT NULL DEFAULT 3,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "presence" TEXT NOT NULL DEFAULT 'offline',
    "presenceChangedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "mailWhenUnanswered" BOOLEAN NOT NULL DEFAULT false,
    "disconnectedAt" DATETIME,
    "openChats" INTEGER NOT NULL DEFAULT 0,
    "lastAssignedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "nameChosen" BOOLEAN NOT NULL DEFAULT true
);
INSERT INTO "new_User" ("active", "createdAt", "disconnectedAt", "email", "id", "lastAssignedAt", "locale", "mailWhenUnanswered", "maxChats", "name", "openChats", "passwordHash", "presence", "presenceChangedAt", "role", "updatedAt") SELECT "active", "createdAt", "disconnectedAt", "email", "id", "lastAssignedAt", "locale", "mailWhenUnanswered", "maxChats", "name", "openChats", "passwordHash", "presence", "presenceChangedAt", "role", "updatedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
