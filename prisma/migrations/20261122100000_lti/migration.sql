-- CreateEnum
CREATE TYPE "lti_passback_status" AS ENUM ('pending', 'sent', 'failed');

-- CreateTable
CREATE TABLE "lti_registrations" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "authorization_url" TEXT NOT NULL,
    "token_url" TEXT NOT NULL,
    "jwks_url" TEXT NOT NULL,
    "token_audience" TEXT,
    "deployment_ids" TEXT[],
    "product_family_code" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lti_registrations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lti_tool_keys" (
    "kid" TEXT NOT NULL,
    "public_jwk" JSONB NOT NULL,
    "encrypted_private_key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "retired_at" TIMESTAMPTZ(3),

    CONSTRAINT "lti_tool_keys_pkey" PRIMARY KEY ("kid")
);

-- CreateTable
CREATE TABLE "lti_nonces" (
    "nonce" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "lti_nonces_pkey" PRIMARY KEY ("nonce")
);

-- CreateTable
CREATE TABLE "lti_user_links" (
    "registration_id" UUID NOT NULL,
    "sub" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lti_user_links_pkey" PRIMARY KEY ("registration_id","sub")
);

-- CreateTable
CREATE TABLE "lti_contexts" (
    "id" UUID NOT NULL,
    "registration_id" UUID NOT NULL,
    "context_id" TEXT NOT NULL,
    "classroom_id" UUID NOT NULL,
    "memberships_url" TEXT,
    "line_items_url" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lti_contexts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lti_resource_links" (
    "id" UUID NOT NULL,
    "registration_id" UUID NOT NULL,
    "resource_link_id" TEXT NOT NULL,
    "context_id" UUID,
    "lab_id" UUID NOT NULL,
    "title" TEXT,
    "line_item_url" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lti_resource_links_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lti_passbacks" (
    "id" UUID NOT NULL,
    "grade_id" UUID NOT NULL,
    "resource_link_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "lab_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "platform_user_id" TEXT NOT NULL,
    "status" "lti_passback_status" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "last_response_status" INTEGER,
    "score_given" DOUBLE PRECISION,
    "score_maximum" DOUBLE PRECISION,
    "sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "lti_passbacks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lti_refused_launches" (
    "id" UUID NOT NULL,
    "organization_id" UUID,
    "registration_id" UUID,
    "reason" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lti_refused_launches_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "lti_registrations_organization_id_idx" ON "lti_registrations"("organization_id");

-- CreateIndex
CREATE UNIQUE INDEX "lti_registrations_issuer_client_id_key" ON "lti_registrations"("issuer", "client_id");

-- CreateIndex
CREATE INDEX "lti_nonces_expires_at_idx" ON "lti_nonces"("expires_at");

-- CreateIndex
CREATE INDEX "lti_user_links_user_id_idx" ON "lti_user_links"("user_id");

-- CreateIndex
CREATE INDEX "lti_contexts_classroom_id_idx" ON "lti_contexts"("classroom_id");

-- CreateIndex
CREATE UNIQUE INDEX "lti_contexts_registration_id_context_id_key" ON "lti_contexts"("registration_id", "context_id");

-- CreateIndex
CREATE INDEX "lti_resource_links_lab_id_idx" ON "lti_resource_links"("lab_id");

-- CreateIndex
CREATE UNIQUE INDEX "lti_resource_links_registration_id_resource_link_id_key" ON "lti_resource_links"("registration_id", "resource_link_id");

-- CreateIndex
CREATE INDEX "lti_passbacks_lab_id_created_at_idx" ON "lti_passbacks"("lab_id", "created_at");

-- CreateIndex
CREATE INDEX "lti_passbacks_status_updated_at_idx" ON "lti_passbacks"("status", "updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "lti_passbacks_grade_id_resource_link_id_key" ON "lti_passbacks"("grade_id", "resource_link_id");

-- CreateIndex
CREATE INDEX "lti_refused_launches_organization_id_created_at_idx" ON "lti_refused_launches"("organization_id", "created_at");

-- AddForeignKey
ALTER TABLE "lti_user_links" ADD CONSTRAINT "lti_user_links_registration_id_fkey" FOREIGN KEY ("registration_id") REFERENCES "lti_registrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lti_contexts" ADD CONSTRAINT "lti_contexts_registration_id_fkey" FOREIGN KEY ("registration_id") REFERENCES "lti_registrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lti_resource_links" ADD CONSTRAINT "lti_resource_links_registration_id_fkey" FOREIGN KEY ("registration_id") REFERENCES "lti_registrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lti_resource_links" ADD CONSTRAINT "lti_resource_links_context_id_fkey" FOREIGN KEY ("context_id") REFERENCES "lti_contexts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lti_passbacks" ADD CONSTRAINT "lti_passbacks_resource_link_id_fkey" FOREIGN KEY ("resource_link_id") REFERENCES "lti_resource_links"("id") ON DELETE CASCADE ON UPDATE CASCADE;

