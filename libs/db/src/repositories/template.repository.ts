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
