import type { PrismaClient } from '../prisma-client';

export interface NewFindFaceFace {
  clientId: string;
  meta: string;
  photo: string;
  photoHash: string;
  bbox: { x1: number; y1: number; x2: number; y2: number };
  thumbnail: Buffer;
}

export interface FindFaceFaceRecord {
  id: number;
  meta: string;
  photo: string;
  photoHash: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  createdAt: Date;
}

const fields = { id: true, meta: true, photo: true, photoHash: true, x1: true, y1: true, x2: true, y2: true, createdAt: true } as const;

/** The face objects of the FindFace-style API; which galleries hold them is the persons' business. */
export class FindFaceFaceRepository {
  constructor(private readonly prisma: PrismaClient) {}

  create(face: NewFindFaceFace): Promise<FindFaceFaceRecord> {
    const { bbox, ...rest } = face;
    return this.prisma.findFaceFace.create({ data: { ...rest, ...bbox, thumbnail: new Uint8Array(face.thumbnail) }, select: fields });
  }

  /** Another client's face does not exist as far as the caller can tell. */
  find(clientId: string, id: number): Promise<FindFaceFaceRecord | null> {
    return this.prisma.findFaceFace.findFirst({ where: { id, clientId }, select: fields });
  }

  findMany(clientId: string, ids: number[]): Promise<FindFaceFaceRecord[]> {
    return this.prisma.findFaceFace.findMany({ where: { clientId, id: { in: ids } }, orderBy: { id: 'asc' }, select: fields });
  }

  /** The client's faces below `beforeId` (all when null), newest first, at most `limit`. */
  page(clientId: string, beforeId: number | null, limit: number): Promise<FindFaceFaceRecord[]> {
    return this.prisma.findFaceFace.findMany({
      where: { clientId, ...(beforeId !== null && { id: { lt: beforeId } }) },
      orderBy: { id: 'desc' },
      take: limit,
      select: fields,
    });
  }

  withMeta(clientId: string, meta: string): Promise<FindFaceFaceRecord[]> {
    return this.prisma.findFaceFace.findMany({ where: { clientId, meta }, orderBy: { id: 'asc' }, select: fields });
  }

  /** Every distinct meta of the client's faces with how many faces carry it. */
  async metaCounts(clientId: string): Promise<Array<{ meta: string; count: number }>> {
    const groups = await this.prisma.findFaceFace.groupBy({ by: ['meta'], where: { clientId }, _count: { _all: true }, orderBy: { meta: 'asc' } });
    return groups.map((g) => ({ meta: g.meta, count: g._count._all }));
  }

  /** New meta for the face, and the names of its persons (`userName`, the meta cut to 120) with it, at once. */
  async updateMeta(clientId: string, id: number, meta: string, userId: string, userName: string): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.findFaceFace.updateMany({ where: { id, clientId }, data: { meta } }),
      this.prisma.person.updateMany({ where: { userId, gallery: { clientId } }, data: { userName } }),
    ]);
  }

  async thumbnail(clientId: string, id: number): Promise<Buffer | null> {
    const row = await this.prisma.findFaceFace.findFirst({ where: { id, clientId }, select: { thumbnail: true } });
    return row ? Buffer.from(row.thumbnail) : null;
  }

  async delete(clientId: string, id: number): Promise<void> {
    await this.prisma.findFaceFace.deleteMany({ where: { id, clientId } });
  }

  /** The user ids of the persons in the gallery, from which the caller reads its faces. */
  async userIdsInGallery(galleryId: string): Promise<string[]> {
    const persons = await this.prisma.person.findMany({ where: { galleryId }, orderBy: { createdAt: 'asc' }, select: { userId: true } });
    return persons.map((p) => p.userId);
  }

  /** Per user id, the galleries (id, name, default) of the client holding a person with it. */
  async galleriesOf(clientId: string, userIds: string[]): Promise<Map<string, Array<{ id: string; name: string; isDefault: boolean }>>> {
    const persons = await this.prisma.person.findMany({
      where: { userId: { in: userIds }, gallery: { clientId } },
      orderBy: { gallery: { createdAt: 'asc' } },
      select: { userId: true, gallery: { select: { id: true, name: true, isDefault: true } } },
    });
    const out = new Map<string, Array<{ id: string; name: string; isDefault: boolean }>>();
    for (const person of persons) out.set(person.userId, [...(out.get(person.userId) ?? []), person.gallery]);
    return out;
  }
}
