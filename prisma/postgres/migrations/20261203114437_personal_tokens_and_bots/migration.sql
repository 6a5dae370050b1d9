-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "expiresAt" TIMESTAMP(3),
ADD COLUMN     "scopes" TEXT,
ADD COLUMN     "secretHash" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "botOwnerId" TEXT,
ADD COLUMN     "isBot" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE UNIQUE INDEX "Session_secretHash_key" ON "Session"("secretHash");

-- CreateIndex
CREATE INDEX "User_botOwnerId_idx" ON "User"("botOwnerId");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_botOwnerId_fkey" FOREIGN KEY ("botOwnerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

