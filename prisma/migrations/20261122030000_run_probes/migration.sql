-- AlterTable
ALTER TABLE "simulation_runs" ADD COLUMN     "probes" JSONB NOT NULL DEFAULT '{}';

