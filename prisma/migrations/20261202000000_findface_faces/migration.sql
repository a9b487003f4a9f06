-- CreateTable
CREATE TABLE "findface_faces" (
    "id" SERIAL NOT NULL,
    "client_id" UUID NOT NULL,
    "meta" VARCHAR(1024) NOT NULL,
    "photo" VARCHAR(2048) NOT NULL,
    "photo_hash" CHAR(64) NOT NULL,
    "x1" INTEGER NOT NULL,
    "y1" INTEGER NOT NULL,
    "x2" INTEGER NOT NULL,
    "y2" INTEGER NOT NULL,
    "thumbnail" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "findface_faces_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "findface_faces_client_id_idx" ON "findface_faces"("client_id");

-- AddForeignKey
ALTER TABLE "findface_faces" ADD CONSTRAINT "findface_faces_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE CASCADE;
