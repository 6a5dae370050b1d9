-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CreatorRoom" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "creatorId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "pictureMediaId" TEXT,
    "audience" TEXT NOT NULL,
    "slowModeSeconds" INTEGER NOT NULL DEFAULT 0,
    "inviteCode" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CreatorRoom_creatorId_fkey" FOREIGN KEY ("creatorId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CreatorRoom_pictureMediaId_fkey" FOREIGN KEY ("pictureMediaId") REFERENCES "Media" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_CreatorRoom" ("audience", "createdAt", "creatorId", "description", "id", "inviteCode", "name", "slowModeSeconds") SELECT "audience", "createdAt", "creatorId", "description", "id", "inviteCode", "name", "slowModeSeconds" FROM "CreatorRoom";
DROP TABLE "CreatorRoom";
ALTER TABLE "new_CreatorRoom" RENAME TO "CreatorRoom";
CREATE UNIQUE INDEX "CreatorRoom_pictureMediaId_key" ON "CreatorRoom"("pictureMediaId");
CREATE UNIQUE INDEX "CreatorRoom_inviteCode_key" ON "CreatorRoom"("inviteCode");
CREATE INDEX "CreatorRoom_creatorId_idx" ON "CreatorRoom"("creatorId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

