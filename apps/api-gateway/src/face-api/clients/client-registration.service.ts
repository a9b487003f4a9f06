import { Injectable } from '@nestjs/common';
import { ClientRepository, type ClientIdentity } from '@bio/db';
import { GalleryService, type GalleryRef } from '../galleries/gallery.service';

/** The name of a client's default gallery: its name made identifier-safe, as in the seed's "riset.ai@trial". */
export function defaultGalleryName(clientName: string, publicId: string): string {
  const slug = clientName.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 100);
  return `${slug || publicId}@default`;
}

/** client/register and client/delete of the face-gallery API. */
@Injectable()
export class ClientRegistrationService {
  constructor(
    private readonly clients: ClientRepository,
    private readonly galleries: GalleryService,
  ) {}

  /** Registers the client (idempotent) and returns the name of its default gallery. */
  async register(client: ClientIdentity): Promise<string> {
    return (await this.defaultGallery(client)).name;
  }

  /** The client's default gallery, registering the client first when needed (dialects without a register call). */
  async defaultGallery(client: ClientIdentity): Promise<GalleryRef> {
    const gallery = await this.galleries.ensureDefault(client.id, defaultGalleryName(client.name, client.publicId));
    await this.clients.markRegistered(client.id);
    return gallery;
  }

  /**
   * Removes the client's face data: every gallery with its people and templates. Credentials
   * stay (the operator owns them), so the client can register again. Returns the galleries
   * that remain, which is none.
   */
  async unregister(clientId: string): Promise<string[]> {
    for (const gallery of await this.galleries.list(clientId)) await this.galleries.delete(clientId, gallery);
    await this.clients.unregister(clientId);
    return this.galleries.names(clientId);
  }
}
