import { Injectable } from '@nestjs/common';
import { AppError } from '@bio/contracts';
import { GalleryRepository } from '@bio/db';
import { QuotaService } from '../../quota/quota.service';
import { VectorChanges } from '../../pipeline/vector-changes.service';

export interface GalleryRef {
  id: string;
  name: string;
  isDefault: boolean;
}

/** Face galleries of one client; another client's gallery does not exist as far as a caller can tell. */
@Injectable()
export class GalleryService {
  constructor(
    private readonly galleries: GalleryRepository,
    private readonly quota: QuotaService,
    private readonly vectors: VectorChanges,
  ) {}

  /** The named gallery, or the client's default one when no name is given. */
  async resolve(clientId: string, name: string | undefined): Promise<GalleryRef> {
    const gallery = name ? await this.galleries.findByName(clientId, name) : await this.galleries.findDefault(clientId);
    if (!gallery) {
      throw name
        ? new AppError('GALLERY_NOT_FOUND', `Face gallery ${name} not found`)
        : new AppError('CLIENT_NOT_REGISTERED');
    }
    return gallery;
  }

  list(clientId: string): Promise<GalleryRef[]> {
    return this.galleries.list(clientId);
  }

  async names(clientId: string): Promise<string[]> {
    return (await this.list(clientId)).map((g) => g.name);
  }

  /** Creates a gallery; the default gallery made at registration does not count against the quota. */
  async create(clientId: string, name: string): Promise<GalleryRef> {
    await this.quota.reserve(clientId, 'galleries');
    try {
      return await this.galleries.create(clientId, name, false);
    } catch (err) {
      await this.quota.release(clientId, 'galleries');
      throw err;
    }
  }

  async ensureDefault(clientId: string, name: string): Promise<GalleryRef> {
    return (await this.galleries.findDefault(clientId)) ?? this.galleries.create(clientId, name, true);
  }

  /** Deletes a gallery with its people and faces, and gives their quota back. */
  async delete(clientId: string, gallery: GalleryRef): Promise<void> {
    const removedTemplates = await this.galleries.delete(gallery.id);
    if (!gallery.isDefault) await this.quota.release(clientId, 'galleries');
    if (removedTemplates > 0) await this.quota.release(clientId, 'faces', removedTemplates);
    await this.vectors.publish({ op: 'delete-gallery', galleryId: gallery.id });
  }
}
