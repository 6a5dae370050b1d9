-- AlterTable
ALTER TABLE "Session" ADD COLUMN "expiresAt" DATETIME;
ALTER TABLE "Session" ADD COLUMN "scopes" TEXT;
ALTER TABLE "Session" ADD COLUMN "secretHash" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "birthDate" TEXT NOT NULL,
    "bio" TEXT NOT NULL DEFAULT '',
    "avatarUrl" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locale" TEXT,
    "theme" TEXT,
    "nudityFilter" BOOLEAN NOT NULL DEFAULT true,
    "dmPolicy" TEXT,
    "privacyWarningDismissed" BOOLEAN NOT NULL DEFAULT false,
    "followerCount" INTEGER NOT NULL DEFAULT 0,
    "followingCount" INTEGER NOT NULL DEFAULT 0,
    "isBot" BOOLEAN NOT NULL DEFAULT false,
    "botOwnerId" TEXT,
    CONSTRAINT "User_botOwnerId_fkey" FOREIGN KEY ("botOwnerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_User" ("avatarUrl", "bio", "birthDate", "createdAt", "displayName", "dmPolicy", "followerCount", "followingCount", "id", "locale", "nudityFilter", "passwordHash", "privacyWarningDismissed", "theme", "username") SELECT "avatarUrl", "bio", "birthDate", "createdAt", "displayName", "dmPolicy", "followerCount", "followingCount", "id", "locale", "nudityFilter", "passwordHash", "privacyWarningDismissed", "theme", "username" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");
CREATE INDEX "User_botOwnerId_idx" ON "User"("botOwnerId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Session_secretHash_key" ON "Session"("secretHash");

