import { decodeEmbedding, encodeEmbedding } from '../embedding-codec';
import type { PrismaClient } from '../prisma-client';
import { upsertPerson } from './person.repository';

export interface NewVoiceTemplate {
  modelId: string;
  scoreMapping: string;
  embedding: Float32Array;
  speechSeconds: number;
}

/** Enrolled voices: speaker embeddings of the same people faces are enrolled for. */
export class VoiceTemplateRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Adds a voice to the person, created on first enrolment; answers the person and how many voices it has now. */
  async addVoice(input: { galleryId: string; userId: string; userName: string; template: NewVoiceTemplate }) {
    const { galleryId, userId, userName, template } = input;
    return this.prisma.$transaction(async (tx) => {
      const person = await upsertPerson(tx, galleryId, userId, userName);
      const created = await tx.voiceTemplate.create({
        data: {
          personId: person.id,
          modelId: template.modelId,
          scoreMapping: template.scoreMapping,
          embedding: encodeEmbedding(template.embedding),
          dimension: template.embedding.length,
          speechSeconds: template.speechSeconds,
        },
        select: { id: true },
      });
      const voiceCount = await tx.voiceTemplate.count({ where: { personId: person.id } });
      return { personId: person.id, templateId: created.id, voiceCount };
    });
  }

  async countVoices(personId: string): Promise<number> {
    return this.prisma.voiceTemplate.count({ where: { personId } });
  }

  /** The person's voices made by one speaker model; those of other models are never compared. */
  async voicesOfPerson(personId: string, modelId: string): Promise<Float32Array[]> {
    const rows = await this.prisma.voiceTemplate.findMany({ where: { personId, modelId }, select: { embedding: true } });
    return rows.map((r) => decodeEmbedding(r.embedding));
  }

  /**
   * Removes every voice of the person, and the person too when it has no face left (it was
   * enrolled by voice only). Answers how many voices went.
   */
  async deleteVoices(personId: string): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM "persons" WHERE "id" = ${personId}::uuid FOR UPDATE`;
      const removed = await tx.$executeRaw`DELETE FROM "voice_templates" WHERE "person_id" = ${personId}::uuid`;
      await tx.$executeRaw`
        DELETE FROM "persons" p
         WHERE p."id" = ${personId}::uuid
           AND NOT EXISTS (SELECT 1 FROM "face_templates" t WHERE t."person_id" = p."id")`;
      return removed;
    });
  }
}
