-- AlterTable
ALTER TABLE "scenarios" ADD COLUMN     "archived_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "scenarios_organization_id_created_at_id_idx" ON "scenarios"("organization_id", "created_at" DESC, "id" DESC);

