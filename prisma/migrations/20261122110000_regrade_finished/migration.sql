-- AlterTable
ALTER TABLE "regrades" ADD COLUMN     "finished_at" TIMESTAMPTZ(3);

