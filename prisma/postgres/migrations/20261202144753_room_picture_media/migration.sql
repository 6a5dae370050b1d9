-- AlterTable
ALTER TABLE "CreatorRoom" DROP COLUMN "pictureUrl",
ADD COLUMN     "pictureMediaId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "CreatorRoom_pictureMediaId_key" ON "CreatorRoom"("pictureMediaId");

-- AddForeignKey
ALTER TABLE "CreatorRoom" ADD CONSTRAINT "CreatorRoom_pictureMediaId_fkey" FOREIGN KEY ("pictureMediaId") REFERENCES "Media"("id") ON DELETE SET NULL ON UPDATE CASCADE;

