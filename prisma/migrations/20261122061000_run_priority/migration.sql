-- CreateEnum
CREATE TYPE "run_priority" AS ENUM ('interactive', 'batch');

-- AlterTable
ALTER TABLE "simulation_runs" ADD COLUMN     "priority" "run_priority" NOT NULL DEFAULT 'interactive';

