-- CreateEnum
CREATE TYPE "classroom_role" AS ENUM ('instructor', 'assistant', 'student');

-- CreateEnum
CREATE TYPE "grade_status" AS ENUM ('queued', 'grading', 'graded', 'not_gradable', 'failed');

-- CreateTable
CREATE TABLE "classrooms" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "course" TEXT,
    "join_code" TEXT,
    "current_lab_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "classrooms_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "classroom_members" (
    "classroom_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "role" "classroom_role" NOT NULL,
    "joined_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "classroom_members_pkey" PRIMARY KEY ("classroom_id","user_id")
);

-- CreateTable
CREATE TABLE "labs" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "archived_at" TIMESTAMPTZ(3),

    CONSTRAINT "labs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lab_versions" (
    "id" UUID NOT NULL,
    "lab_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lab_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "classroom_labs" (
    "classroom_id" UUID NOT NULL,
    "lab_id" UUID NOT NULL,
    "assigned_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "classroom_labs_pkey" PRIMARY KEY ("classroom_id","lab_id")
);

-- CreateTable
CREATE TABLE "lab_workspaces" (
    "lab_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "scenario_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lab_workspaces_pkey" PRIMARY KEY ("lab_id","user_id")
);

-- CreateTable
CREATE TABLE "submissions" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "lab_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "classroom_id" UUID,
    "content" TEXT NOT NULL,
    "content_sha256" CHAR(64) NOT NULL,
    "scenario_version_id" UUID,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "submissions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "grades" (
    "id" UUID NOT NULL,
    "submission_id" UUID NOT NULL,
    "lab_version_id" UUID NOT NULL,
    "regrade_id" UUID,
    "input_sha256" CHAR(64) NOT NULL,
    "status" "grade_status" NOT NULL DEFAULT 'queued',
    "raw_score" DOUBLE PRECISION,
    "score" DOUBLE PRECISION,
    "max_score" DOUBLE PRECISION,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "checks" JSONB,
    "errors" JSONB,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "duration_ms" INTEGER,
    "queued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "graded_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "grades_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "regrades" (
    "id" UUID NOT NULL,
    "lab_id" UUID NOT NULL,
    "lab_version_id" UUID NOT NULL,
    "requested_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "regrades_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "classrooms_join_code_key" ON "classrooms"("join_code");

-- CreateIndex
CREATE INDEX "classrooms_organization_id_idx" ON "classrooms"("organization_id");

-- CreateIndex
CREATE INDEX "classroom_members_user_id_idx" ON "classroom_members"("user_id");

-- CreateIndex
CREATE INDEX "labs_organization_id_idx" ON "labs"("organization_id");

-- CreateIndex
CREATE UNIQUE INDEX "lab_versions_lab_id_number_key" ON "lab_versions"("lab_id", "number");

-- CreateIndex
CREATE INDEX "classroom_labs_lab_id_idx" ON "classroom_labs"("lab_id");

-- CreateIndex
CREATE UNIQUE INDEX "lab_workspaces_scenario_id_key" ON "lab_workspaces"("scenario_id");

-- CreateIndex
CREATE INDEX "submissions_lab_id_user_id_submitted_at_idx" ON "submissions"("lab_id", "user_id", "submitted_at");

-- CreateIndex
CREATE INDEX "submissions_organization_id_idx" ON "submissions"("organization_id");

-- CreateIndex
CREATE INDEX "grades_submission_id_queued_at_idx" ON "grades"("submission_id", "queued_at");

-- CreateIndex
CREATE INDEX "grades_status_updated_at_idx" ON "grades"("status", "updated_at");

-- CreateIndex
CREATE INDEX "grades_regrade_id_idx" ON "grades"("regrade_id");

-- CreateIndex
CREATE INDEX "grades_input_sha256_idx" ON "grades"("input_sha256");

-- CreateIndex
CREATE INDEX "regrades_lab_id_idx" ON "regrades"("lab_id");

-- AddForeignKey
ALTER TABLE "classrooms" ADD CONSTRAINT "classrooms_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "classrooms" ADD CONSTRAINT "classrooms_current_lab_id_fkey" FOREIGN KEY ("current_lab_id") REFERENCES "labs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "classroom_members" ADD CONSTRAINT "classroom_members_classroom_id_fkey" FOREIGN KEY ("classroom_id") REFERENCES "classrooms"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "classroom_members" ADD CONSTRAINT "classroom_members_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "labs" ADD CONSTRAINT "labs_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lab_versions" ADD CONSTRAINT "lab_versions_lab_id_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "classroom_labs" ADD CONSTRAINT "classroom_labs_classroom_id_fkey" FOREIGN KEY ("classroom_id") REFERENCES "classrooms"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "classroom_labs" ADD CONSTRAINT "classroom_labs_lab_id_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lab_workspaces" ADD CONSTRAINT "lab_workspaces_lab_id_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lab_workspaces" ADD CONSTRAINT "lab_workspaces_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lab_workspaces" ADD CONSTRAINT "lab_workspaces_scenario_id_fkey" FOREIGN KEY ("scenario_id") REFERENCES "scenarios"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_lab_id_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_classroom_id_fkey" FOREIGN KEY ("classroom_id") REFERENCES "classrooms"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "grades" ADD CONSTRAINT "grades_submission_id_fkey" FOREIGN KEY ("submission_id") REFERENCES "submissions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "grades" ADD CONSTRAINT "grades_lab_version_id_fkey" FOREIGN KEY ("lab_version_id") REFERENCES "lab_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "grades" ADD CONSTRAINT "grades_regrade_id_fkey" FOREIGN KEY ("regrade_id") REFERENCES "regrades"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "regrades" ADD CONSTRAINT "regrades_lab_id_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

