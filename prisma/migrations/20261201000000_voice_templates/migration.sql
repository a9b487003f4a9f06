-- CreateTable
CREATE TABLE "voice_templates" (
    "id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "model_id" VARCHAR(120) NOT NULL,
    "score_mapping" VARCHAR(120) NOT NULL,
    "embedding" BYTEA NOT NULL,
    "dimension" INTEGER NOT NULL,
    "speech_seconds" DOUBLE PRECISION NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "voice_templates_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "voice_templates_person_id_idx" ON "voice_templates"("person_id");

-- AddForeignKey
ALTER TABLE "voice_templates" ADD CONSTRAINT "voice_templates_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "persons"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The embedding is float32: four bytes per dimension.
ALTER TABLE "voice_templates" ADD CONSTRAINT "voice_templates_embedding_size_check"
    CHECK ("dimension" > 0 AND octet_length("embedding") = "dimension" * 4);
