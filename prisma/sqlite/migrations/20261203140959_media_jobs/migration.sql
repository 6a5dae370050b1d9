-- CreateTable
CREATE TABLE "MediaJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "mediaId" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'queued',
    "progress" REAL NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "input" TEXT NOT NULL,
    "lockedBy" TEXT,
    "lockedUntil" DATETIME,
    "errorCode" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "MediaJob_mediaId_fkey" FOREIGN KEY ("mediaId") REFERENCES "Media" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "HeldSend" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "senderId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "mediaIds" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Media" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ownerId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "messageId" TEXT,
    "position" INTEGER,
    "kind" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    "durationMs" INTEGER,
    "waveform" JSONB,
    "nudityScores" JSONB,
    "storageKey" TEXT NOT NULL,
    "thumbnailKey" TEXT,
    "placeholder" TEXT,
    "altText" TEXT,
    "status" TEXT NOT NULL DEFAULT 'ready',
    "failureCode" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Media_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Media_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Media_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Media" ("altText", "bytes", "conversationId", "createdAt", "durationMs", "height", "id", "kind", "messageId", "mime", "nudityScores", "ownerId", "placeholder", "position", "storageKey", "thumbnailKey", "waveform", "width") SELECT "altText", "bytes", "conversationId", "createdAt", "durationMs", "height", "id", "kind", "messageId", "mime", "nudityScores", "ownerId", "placeholder", "position", "storageKey", "thumbnailKey", "waveform", "width" FROM "Media";
DROP TABLE "Media";
ALTER TABLE "new_Media" RENAME TO "Media";
CREATE INDEX "Media_messageId_idx" ON "Media"("messageId");
CREATE INDEX "Media_ownerId_createdAt_idx" ON "Media"("ownerId", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "MediaJob_mediaId_key" ON "MediaJob"("mediaId");

-- CreateIndex
CREATE INDEX "MediaJob_state_createdAt_idx" ON "MediaJob"("state", "createdAt");

-- CreateIndex
CREATE INDEX "HeldSend_conversationId_idx" ON "HeldSend"("conversationId");

-- CreateIndex
CREATE UNIQUE INDEX "HeldSend_senderId_clientId_key" ON "HeldSend"("senderId", "clientId");

