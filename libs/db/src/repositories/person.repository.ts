import type { DetectedFace } from '@bio/contracts';
import { AppError } from '@bio/contracts';
import { encodeEmbedding } from '../embedding-codec';
import { isUniqueViolation } from './unique-violation';
import type { PrismaClient } from '../prisma-client';

export interface PersonRecord {
  id: string;
  galleryId: string;
  userId: string;
  userName: string;
}

export interface PersonWithCount extends PersonRecord {
  templateCount: number;
}

export interface NewTemplate {
  modelId: string;
  scoreMapping: string;
  embedding: Float32Array;
  masked: boolean;
  faceBox: DetectedFace['box'];
}

export interface EnrolledTemplate {
  personId: string;
  templateId: string;
  /** Faces the person has after this one, for the per-user template limit. */
  templateCount: number;
}

const fields = { id: true, galleryId: true, userId: true, userName: true } as const;

type Transaction = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** Creates the person on first enrolment of any kind, or renames it. */
export function upsertPerson(tx: Transaction, galleryId: string, userId: string, userName: string): Promise<{ id: string }> {
  return tx.person.upsert({
    where: { galleryId_userId: { galleryId, userId } },
    create: { galleryId, userId, userName },
    update: { userName },
    select: { id: true },
  });
}

function templateRow(personId: string, galleryId: string, template: NewTemplate) {
  return {
    personId,
    galleryId,
    modelId: template.modelId,
    scoreMapping: template.scoreMapping,
    embedding: encodeEmbedding(template.embedding),
    dimension: template.embedding.length,
    masked: template.masked,
    faceBox: template.faceBox,
  };
}

/** Enrolled people (user_id within a gallery) and the writes that add or remove their faces. */
export class PersonRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async findPerson(galleryId: string, userId: string): Promise<PersonWithCount | null> {
    const person = await this.prisma.person.findUnique({
      where: { galleryId_userId: { galleryId, userId } },
      select: { ...fields, _count: { select: { templates: true } } },
    });
    if (!person) return null;
    const { _count, ...rest } = person;
    return { ...rest, templateCount: _count.templates };
  }

  async findPersonById(personId: string): Promise<PersonRecord | null> {
    return this.prisma.person.findUnique({ where: { id: personId }, select: fields });
  }

  /**
   * Creates the person on first enrolment (or renames it) and adds the face, in one
   * transaction. With `createOnly` the person must not exist yet: the unique index, not an
   * earlier read, decides between two enrolments of one new user id (USER_EXISTS).
   */
  async upsertPersonWithTemplate(input: {
    galleryId: string;
    userId: string;
    userName: string;
    template: NewTemplate;
    createOnly?: boolean;
  }): Promise<EnrolledTemplate> {
    const { galleryId, userId, userName, template, createOnly } = input;
    try {
      return await this.prisma.$transaction(async (tx) => {
        const person = createOnly
          ? await tx.person.create({ data: { galleryId, userId, userName }, select: { id: true } })
          : await upsertPerson(tx, galleryId, userId, userName);
        const created = await tx.faceTemplate.create({ data: templateRow(person.id, galleryId, template), select: { id: true } });
        const templateCount = await tx.faceTemplate.count({ where: { personId: person.id } });
        return { personId: person.id, templateId: created.id, templateCount };
      });
    } catch (err) {
      if (createOnly && isUniqueViolation(err)) throw new AppError('USER_EXISTS', `User ${userId} already exists`);
      throw err;
    }
  }

  /**
   * Replaces every face of a person with one new face, in one transaction (seed 001's update),
   * and returns the new face and the ids of the faces it replaced.
   */
  async replaceTemplates(personId: string, galleryId: string, template: NewTemplate): Promise<{ templateId: string; removedIds: string[] }> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM "persons" WHERE "id" = ${personId}::uuid FOR UPDATE`;
      const removed = await tx.$queryRaw<Array<{ id: string }>>`
        DELETE FROM "face_templates" WHERE "person_id" = ${personId}::uuid RETURNING "id"::text AS "id"`;
      const created = await tx.faceTemplate.create({ data: templateRow(personId, galleryId, template), select: { id: true } });
      return { templateId: created.id, removedIds: removed.map((r) => r.id) };
    });
  }

  /**
   * Enrols a person's faces, at most `limit` of them, as they are under the same user id in
   * another gallery, in one transaction. The target must not hold that user id yet (USER_EXISTS).
   */
  async copyPerson(personId: string, galleryId: string, limit: number): Promise<{ personId: string; templates: Array<{ templateId: string; modelId: string }> }> {
    try {
      return await this.prisma.$transaction(async (tx) => {
        const source = await tx.person.findUnique({ where: { id: personId }, select: { userId: true, userName: true } });
        if (!source) throw new AppError('USER_NOT_FOUND', 'The user was deleted meanwhile');
        const person = await tx.person.create({ data: { galleryId, ...source }, select: { id: true } });
        const templates = await tx.$queryRaw<Array<{ templateId: string; modelId: string }>>`
          INSERT INTO "face_templates" ("id", "person_id", "gallery_id", "model_id", "score_mapping", "embedding", "dimension", "masked", "face_box")
          SELECT gen_random_uuid(), ${person.id}::uuid, ${galleryId}::uuid, "model_id", "score_mapping", "embedding", "dimension", "masked", "face_box"
            FROM "face_templates" WHERE "person_id" = ${personId}::uuid ORDER BY "created_at" LIMIT ${limit}
          RETURNING "id"::text AS "templateId", "model_id" AS "modelId"`;
        return { personId: person.id, templates };
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('USER_EXISTS', 'The user is in that gallery already');
      throw err;
    }
  }

  async listPersons(galleryId: string): Promise<PersonRecord[]> {
    return this.prisma.person.findMany({ where: { galleryId }, orderBy: [{ createdAt: 'asc' }, { userId: 'asc' }], select: fields });
  }

  /**
   * Deletes the person and returns the ids of the faces and the number of voices that went
   * with it. The person row is locked first so a concurrent enrolment cannot add a template
   * that the answer misses.
   */
  async deletePerson(personId: string): Promise<{ faceTemplateIds: string[]; voiceTemplates: number }> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM "persons" WHERE "id" = ${personId}::uuid FOR UPDATE`;
      const removed = await tx.$queryRaw<Array<{ id: string }>>`
        DELETE FROM "face_templates" WHERE "person_id" = ${personId}::uuid RETURNING "id"::text AS "id"`;
      const voiceTemplates = await tx.$executeRaw`DELETE FROM "voice_templates" WHERE "person_id" = ${personId}::uuid`;
      await tx.$executeRaw`DELETE FROM "persons" WHERE "id" = ${personId}::uuid`;
      return { faceTemplateIds: removed.map((r) => r.id), voiceTemplates };
    });
  }

  /**
   * Undoes one enrolment: removes the face, and the person too when that face was its only
   * one, so an enrolment that failed halfway leaves no empty person behind.
   */
  async deleteTemplate(templateId: string): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const removed = await tx.$queryRaw<Array<{ personId: string }>>`
        DELETE FROM "face_templates" WHERE "id" = ${templateId}::uuid RETURNING "person_id"::text AS "personId"`;
      const personId = removed[0]?.personId;
      if (!personId) return;
      await tx.$executeRaw`
        DELETE FROM "persons" p
         WHERE p."id" = ${personId}::uuid
           AND NOT EXISTS (SELECT 1 FROM "face_templates" t WHERE t."person_id" = p."id")`;
    });
  }
}
