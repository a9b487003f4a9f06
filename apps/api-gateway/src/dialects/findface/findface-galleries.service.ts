import { Injectable } from '@nestjs/common';
import { AppError } from '@bio/contracts';
import type { ClientIdentity } from '@bio/db';
import { ClientRegistrationService } from '../../face-api/clients/client-registration.service';
import { GalleryService, type GalleryRef } from '../../face-api/galleries/gallery.service';
import { badParam } from './findface-bad-param';

/** FindFace's own gallery that every face is in; here it is the client's default gallery. */
export const DEFAULT_GALLERY = 'default';
/** The reference's rule for a gallery name. */
const GALLERY_NAME = /^[a-zA-Z0-9_-]{1,48}$/;

/** FindFace galleries are the client's galleries; `default` names the client's default one. */
@Injectable()
export class FindFaceGalleriesService {
  constructor(
    private readonly galleries: GalleryService,
    private readonly registration: ClientRegistrationService,
  ) {}

  async names(client: ClientIdentity): Promise<string[]> {
    await this.registration.defaultGallery(client);
    return (await this.galleries.list(client.id)).map((gallery) => this.nameOf(gallery));
  }

  nameOf(gallery: GalleryRef): string {
    return gallery.isDefault ? DEFAULT_GALLERY : gallery.name;
  }

  async resolve(client: ClientIdentity, name: string): Promise<GalleryRef> {
    return name === DEFAULT_GALLERY ? this.registration.defaultGallery(client) : this.galleries.resolve(client.id, name);
  }

  async create(client: ClientIdentity, name: string): Promise<void> {
    if (!GALLERY_NAME.test(name)) throw badParam('gallery', name, 'A gallery name is 1 to 48 of a-z, A-Z, 0-9, _ and -');
    if (name === DEFAULT_GALLERY) throw new AppError('GALLERY_EXISTS', 'The default gallery always exists');
    await this.registration.defaultGallery(client);
    await this.galleries.create(client.id, name);
  }

  /** Deletes the gallery and every face in it, as the reference says; the default gallery stays. */
  async delete(client: ClientIdentity, name: string): Promise<void> {
    const gallery = await this.resolve(client, name);
    if (gallery.isDefault) throw new AppError('DEFAULT_GALLERY_PROTECTED');
    await this.galleries.delete(client.id, gallery);
  }
}
