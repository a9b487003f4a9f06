import { Prisma, type PrismaClient } from '../prisma-client';

export type QuotaKind = 'apiHits' | 'faces' | 'galleries';

/** Limits or remaining amounts, named as the native API's get-counters answer names them. */
export interface QuotaCounters {
  n_api_hits: number;
  n_face: number;
  n_facegallery: number;
}

/** Fixed identifiers only: the kind picks from this table, never from caller text. */
const COLUMNS: Record<QuotaKind, { used: Prisma.Sql; limit: Prisma.Sql }> = {
  apiHits: { used: Prisma.raw('"api_hits_used"'), limit: Prisma.raw('"api_hits_limit"') },
  faces: { used: Prisma.raw('"faces_used"'), limit: Prisma.raw('"face_limit"') },
  galleries: { used: Prisma.raw('"galleries_used"'), limit: Prisma.raw('"gallery_limit"') },
};

/**
 * Every change is one conditional UPDATE: Postgres re-checks the WHERE clause on the locked
 * row, so concurrent reservations can never spend past the limit, with no read-then-write gap.
 */
export class QuotaRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async tryReserve(clientId: string, kind: QuotaKind, n = 1): Promise<boolean> {
    assertPositive(n);
    const { used, limit } = COLUMNS[kind];
    const updated = await this.prisma.$executeRaw`
      UPDATE "quotas" SET ${used} = ${used} + ${n}, "updated_at" = now()
       WHERE "client_id" = ${clientId}::uuid AND ${used} + ${n} <= ${limit}`;
    return updated === 1;
  }

  /** Hands back what was reserved; clamps at zero so a double release cannot mint quota. */
  async release(clientId: string, kind: QuotaKind, n = 1): Promise<void> {
    assertPositive(n);
    const { used } = COLUMNS[kind];
    await this.prisma.$executeRaw`
      UPDATE "quotas" SET ${used} = GREATEST(${used} - ${n}, 0), "updated_at" = now()
       WHERE "client_id" = ${clientId}::uuid`;
  }

  /** Sets the given limits, leaving usage as it is. Returns false when the client has no quota row. */
  async setLimits(clientId: string, limits: Partial<QuotaCounters>): Promise<boolean> {
    const { count } = await this.prisma.quota.updateMany({
      where: { clientId },
      data: { apiHitsLimit: limits.n_api_hits, faceLimit: limits.n_face, galleryLimit: limits.n_facegallery },
    });
    return count === 1;
  }

  /** limit - used per kind, never negative even after a limit was lowered below usage. */
  async remaining(clientId: string): Promise<QuotaCounters | null> {
    const q = await this.prisma.quota.findUnique({ where: { clientId } });
    if (!q) return null;
    return {
      n_api_hits: Math.max(q.apiHitsLimit - q.apiHitsUsed, 0),
      n_face: Math.max(q.faceLimit - q.facesUsed, 0),
      n_facegallery: Math.max(q.galleryLimit - q.galleriesUsed, 0),
    };
  }
}

function assertPositive(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`Quota amount must be a positive integer, got ${n}`);
}
