-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_FanClubMembership" (
    "fanId" TEXT NOT NULL,
    "creatorId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastActiveAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("fanId", "creatorId"),
    CONSTRAINT "FanClubMembership_fanId_fkey" FOREIGN KEY ("fanId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FanClubMembership_creatorId_fkey" FOREIGN KEY ("creatorId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_FanClubMembership" ("createdAt", "creatorId", "fanId") SELECT "createdAt", "creatorId", "fanId" FROM "FanClubMembership";
DROP TABLE "FanClubMembership";
ALTER TABLE "new_FanClubMembership" RENAME TO "FanClubMembership";
CREATE INDEX "FanClubMembership_creatorId_idx" ON "FanClubMembership"("creatorId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

