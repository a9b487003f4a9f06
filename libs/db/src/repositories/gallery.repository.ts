import { AppError } from '@bio/contracts';
import type { PrismaClient } from '../prisma-client';
import { isUniqueViolation } from './unique-violation';

export interface GalleryRecord {
  id: string;
  name: string;
  isDefault: boolean;
}

const fields = { id: true, name: true, isDefault: true } as const;

export class GalleryRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Names are unique per client only: two clients may both own "main". */
  async create(clientId: string, name: string, isDefault: boolean): Promise<GalleryRecord> {
    try {
      return await this.prisma.gallery.create({ data: { clientId, name, isDefault }, select: fields });
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('GALLERY_EXISTS', `Face gallery ${name} already exists`);
      throw err;
    }
  }

  async findByName(clientId: string, name: string): Promise<GalleryRecord | null> {
    return this.prisma.gallery.findUnique({ where: { clientId_name: { clientId, name } }, select: fields });
  }

  async findDefault(clientId: string): Promise<GalleryRecord | null> {
    return this.prisma.gallery.findFirst({ where: { clientId, isDefault: true }, orderBy: { createdAt: 'asc' }, select: fields });
  }

  async list(clientId: string): Promise<GalleryRecord[]> {
    return this.prisma.gallery.findMany({ where: { clientId }, orderBy: [{ createdAt: 'asc' }, { name: 'asc' }], select: fields });
  }

  /**
   * Deletes the gallery with its people, faces and voices and returns how many templates
   * went, which the caller hands back to the template quota (n_face counts both kinds). The gallery and its people are locked first: a
   * concurrent enrolment then waits and fails on the vanished row instead of slipping a face
   * in between the count and the delete.
   */
  async delete(galleryId: string): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM "galleries" WHERE "id" = ${galleryId}::uuid FOR UPDATE`;
      await tx.$queryRaw`SELECT 1 FROM "persons" WHERE "gallery_id" = ${galleryId}::uuid FOR UPDATE`;
      const faces = await tx.$executeRaw`DELETE FROM "face_templates" WHERE "gallery_id" = ${galleryId}::uuid`;
      const voices = await tx.$executeRaw`
        DELETE FROM "voice_templates" v USING "persons" p WHERE v."person_id" = p."id" AND p."gallery_id" = ${galleryId}::uuid`;
      await tx.$executeRaw`DELETE FROM "galleries" WHERE "id" = ${galleryId}::uuid`;
      return faces + voices;
    });
  }
}
