-- CreateTable
CREATE TABLE "clients" (
    "id" UUID NOT NULL,
    "public_id" VARCHAR(64) NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "registered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "clients_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "client_secrets" (
    "id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "ciphertext" BYTEA NOT NULL,
    "iv" BYTEA NOT NULL,
    "auth_tag" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "client_secrets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "key_hash" CHAR(64) NOT NULL,
    "key_prefix" VARCHAR(12) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "access_tokens" (
    "id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "token_hash" CHAR(64) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "access_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "quotas" (
    "client_id" UUID NOT NULL,
    "api_hits_limit" INTEGER NOT NULL,
    "api_hits_used" INTEGER NOT NULL DEFAULT 0,
    "face_limit" INTEGER NOT NULL,
    "faces_used" INTEGER NOT NULL DEFAULT 0,
    "gallery_limit" INTEGER NOT NULL,
    "galleries_used" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "quotas_pkey" PRIMARY KEY ("client_id")
);

-- CreateTable
CREATE TABLE "galleries" (
    "id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "is_default" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "galleries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "persons" (
    "id" UUID NOT NULL,
    "gallery_id" UUID NOT NULL,
    "user_id" VARCHAR(120) NOT NULL,
    "user_name" VARCHAR(120) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "persons_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "face_templates" (
    "id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "gallery_id" UUID NOT NULL,
    "model_id" VARCHAR(120) NOT NULL,
    "score_mapping" VARCHAR(120) NOT NULL,
    "embedding" BYTEA NOT NULL,
    "dimension" INTEGER NOT NULL,
    "masked" BOOLEAN NOT NULL DEFAULT false,
    "face_box" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "face_templates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "usage_records" (
    "id" UUID NOT NULL,
    "client_id" UUID,
    "trx_id" VARCHAR(120),
    "dialect" VARCHAR(32) NOT NULL,
    "endpoint" VARCHAR(200) NOT NULL,
    "http_status" INTEGER NOT NULL,
    "outcome" VARCHAR(64) NOT NULL,
    "billable" BOOLEAN NOT NULL,
    "consent" BOOLEAN,
    "latency_ms" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "usage_records_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "transactions" (
    "client_id" UUID NOT NULL,
    "trx_id" VARCHAR(120) NOT NULL,
    "request_hash" CHAR(64) NOT NULL,
    "state" VARCHAR(16) NOT NULL,
    "http_status" INTEGER,
    "response_body" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "transactions_pkey" PRIMARY KEY ("client_id","trx_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "clients_public_id_key" ON "clients"("public_id");

-- CreateIndex
CREATE INDEX "client_secrets_client_id_idx" ON "client_secrets"("client_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys"("key_hash");

-- CreateIndex
CREATE INDEX "api_keys_client_id_idx" ON "api_keys"("client_id");

-- CreateIndex
CREATE UNIQUE INDEX "access_tokens_token_hash_key" ON "access_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "access_tokens_client_id_idx" ON "access_tokens"("client_id");

-- CreateIndex
CREATE UNIQUE INDEX "galleries_client_id_name_key" ON "galleries"("client_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "persons_gallery_id_user_id_key" ON "persons"("gallery_id", "user_id");

-- CreateIndex
CREATE INDEX "face_templates_person_id_idx" ON "face_templates"("person_id");

-- CreateIndex
CREATE INDEX "face_templates_gallery_id_model_id_idx" ON "face_templates"("gallery_id", "model_id");

-- CreateIndex
CREATE INDEX "usage_records_client_id_created_at_idx" ON "usage_records"("client_id", "created_at");

-- CreateIndex
CREATE INDEX "usage_records_client_id_trx_id_idx" ON "usage_records"("client_id", "trx_id");

-- AddForeignKey
ALTER TABLE "client_secrets" ADD CONSTRAINT "client_secrets_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_tokens" ADD CONSTRAINT "access_tokens_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quotas" ADD CONSTRAINT "quotas_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "galleries" ADD CONSTRAINT "galleries_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "persons" ADD CONSTRAINT "persons_gallery_id_fkey" FOREIGN KEY ("gallery_id") REFERENCES "galleries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "face_templates" ADD CONSTRAINT "face_templates_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "persons"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "usage_records" ADD CONSTRAINT "usage_records_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written below this line: rules the Prisma schema cannot express. Prisma neither
-- creates nor diffs CHECK constraints, so `prisma migrate diff` stays clean with them.

-- Counters never go negative (release clamps at zero). There is deliberately no
-- used <= limit check: an operator may lower a limit below what is already used.
ALTER TABLE "quotas" ADD CONSTRAINT "quotas_counters_non_negative_check"
    CHECK ("api_hits_used" >= 0 AND "faces_used" >= 0 AND "galleries_used" >= 0);

ALTER TABLE "quotas" ADD CONSTRAINT "quotas_limits_non_negative_check"
    CHECK ("api_hits_limit" >= 0 AND "face_limit" >= 0 AND "gallery_limit" >= 0);

-- A replayed answer must exist once a transaction is done.
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_state_check"
    CHECK (("state" = 'pending') OR ("state" = 'done' AND "http_status" IS NOT NULL));

-- The embedding is float32: four bytes per dimension, or the matcher would read garbage.
ALTER TABLE "face_templates" ADD CONSTRAINT "face_templates_embedding_size_check"
    CHECK ("dimension" > 0 AND octet_length("embedding") = "dimension" * 4);
