-- AlterTable
ALTER TABLE "Report" ADD COLUMN     "roomId" TEXT;

-- CreateIndex
CREATE INDEX "Report_roomId_createdAt_idx" ON "Report"("roomId", "createdAt");

