import { decodeEmbedding } from '../embedding-codec';
import type { PrismaClient } from '../prisma-client';

export interface StoredTemplate {
  templateId: string;
  personId: string;
  galleryId: string;
  modelId: string;
  embedding: Float32Array;
}

const fields = { id: true, personId: true, galleryId: true, modelId: true, embedding: true } as const;

interface TemplateRow {
  id: string;
  personId: string;
  galleryId: string;
  modelId: string;
  embedding: Uint8Array;
}

/**
 * Read side of the enrolled faces, the source of truth the matchers build their vector index
 * from (it fits libs/vector's TemplateSource). Templates are only ever read per model id:
 * vectors of different models are not comparable.
 */
export class TemplateRepository {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly pageSize = 1000,
  ) {}

  async modelIds(): Promise<string[]> {
    const rows = await this.prisma.faceTemplate.findMany({ distinct: ['modelId'], select: { modelId: true } });
    return rows.map((r) => r.modelId).sort();
  }

  /** Every template of a model, read in id order one page at a time (keyset, not OFFSET). */
  async *iterateTemplates(modelId: string): AsyncGenerator<StoredTemplate> {
    let after: string | undefined;
    for (;;) {
      const page = await this.prisma.faceTemplate.findMany({
        where: { modelId, ...(after && { id: { gt: after } }) },
        orderBy: { id: 'asc' },
        take: this.pageSize,
        select: fields,
      });
      for (const row of page) yield toStored(row);
      if (page.length < this.pageSize) return;
      after = page[page.length - 1]!.id;
    }
  }

  async findTemplate(templateId: string): Promise<StoredTemplate | null> {
    const row = await this.prisma.faceTemplate.findUnique({ where: { id: templateId }, select: fields });
    return row && toStored(row);
  }

  async templatesOfPerson(personId: string, modelId: string): Promise<Float32Array[]> {
    const rows = await this.prisma.faceTemplate.findMany({
      where: { personId, modelId },
      orderBy: { createdAt: 'asc' },
      select: { embedding: true },
    });
    return rows.map((r) => decodeEmbedding(r.embedding));
  }

  /** How many face templates and voices each model id holds, across every client: what a model change leaves to re-enrol. */
  async countByModel(): Promise<{ faces: Array<{ modelId: string; templates: number }>; voices: Array<{ modelId: string; templates: number }> }> {
    const [faces, voices] = await Promise.all([
      this.prisma.faceTemplate.groupBy({ by: ['modelId'], _count: { _all: true }, orderBy: { modelId: 'asc' } }),
      this.prisma.voiceTemplate.groupBy({ by: ['modelId'], _count: { _all: true }, orderBy: { modelId: 'asc' } }),
    ]);
    const rows = (groups: Array<{ modelId: string; _count: { _all: number } }>) => groups.map((g) => ({ modelId: g.modelId, templates: g._count._all }));
    return { faces: rows(faces), voices: rows(voices) };
  }

  /**
   * Deletes every face template and voice of a retired model in one transaction and returns,
   * per client, how many went (its quota is given back) and the face template ids (for the
   * matchers). The people stay, to be enrolled again under the same ids.
   */
  async purgeModel(modelId: string): Promise<{ perClient: Map<string, number>; faceTemplateIds: string[] }> {
    return this.prisma.$transaction(async (tx) => {
      const faces = await tx.$queryRaw<Array<{ id: string; clientId: string }>>`
        DELETE FROM "face_templates" t USING "galleries" g
         WHERE t."model_id" = ${modelId} AND g."id" = t."gallery_id"
        RETURNING t."id"::text AS "id", g."client_id"::text AS "clientId"`;
      const voices = await tx.$queryRaw<Array<{ clientId: string }>>`
        DELETE FROM "voice_templates" v USING "persons" p, "galleries" g
         WHERE v."model_id" = ${modelId} AND p."id" = v."person_id" AND g."id" = p."gallery_id"
        RETURNING g."client_id"::text AS "clientId"`;
      const perClient = new Map<string, number>();
      for (const { clientId } of [...faces, ...voices]) perClient.set(clientId, (perClient.get(clientId) ?? 0) + 1);
      return { perClient, faceTemplateIds: faces.map((f) => f.id) };
    });
  }

  /** Faces the client has enrolled across all its galleries. */
  async countTemplates(clientId: string): Promise<number> {
    return this.prisma.faceTemplate.count({ where: { person: { gallery: { clientId } } } });
  }
}

function toStored(row: TemplateRow): StoredTemplate {
  return {
    templateId: row.id,
    personId: row.personId,
    galleryId: row.galleryId,
    modelId: row.modelId,
    embedding: decodeEmbedding(row.embedding),
  };
}
