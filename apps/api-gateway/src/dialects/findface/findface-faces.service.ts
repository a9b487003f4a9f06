import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppError } from '@bio/contracts';
import { FindFaceFaceRepository, type ClientIdentity, type FindFaceFaceRecord } from '@bio/db';
import { ENROLMENT_ANALYSES, EnrolmentService } from '../../face-api/enrolment/enrolment.service';
import { PeopleService } from '../../face-api/enrolment/people.service';
import type { GalleryRef } from '../../face-api/galleries/gallery.service';
import { FaceProbeService } from '../../face-api/recognition/face-probe.service';
import type { EmbeddedFace } from '../../pipeline/face-pipeline.service';
import { faceIdOf, faceObject, userIdOf, type FaceObject } from './findface-face-objects';
import { FindFaceFaceSelection, type Selection } from './findface-face-selection';
import { bboxOf } from './findface-faces';
import { FindFaceGalleriesService } from './findface-galleries.service';
import { faceThumbnail } from './findface-thumbnail';

/** userName is 120 characters at most; the full meta stays on the face object. */
const USER_NAME_MAX = 120;
const userNameOf = (meta: string, userId: string) => meta.slice(0, USER_NAME_MAX) || userId;

export interface NewFace {
  photo: Buffer;
  /** The URL the photo came from, or empty for an upload. */
  photoUrl: string;
  meta: string;
  galleries: string[];
  selection: Selection;
}

export interface FaceChange {
  meta?: string | undefined;
  galleries?: string[] | undefined;
}

export interface FacesPage {
  results: FaceObject[];
  /** The id to ask below for the next page (`max_id`), or null after the last. */
  nextMaxId: number | null;
}

/**
 * FindFace face objects over our galleries: a face is a row with its id, meta, hash, bbox and
 * thumbnail, and a person `findface-<id>` with its template in each of its galleries, the
 * default one always (as the reference's faces are always in "default").
 */
@Injectable()
export class FindFaceFacesService {
  constructor(
    private readonly faces: FindFaceFaceRepository,
    private readonly selection: FindFaceFaceSelection,
    private readonly probes: FaceProbeService,
    private readonly enrolment: EnrolmentService,
    private readonly people: PeopleService,
    private readonly galleries: FindFaceGalleriesService,
  ) {}

  /** Adds each face the selection chooses as a face object of its own; nothing is kept when one fails. */
  async add(client: ClientIdentity, face: NewFace, baseUrl: string): Promise<{ results: FaceObject[] }> {
    // Every gallery is resolved before anything is written, so an unknown one refuses the call whole.
    const targets = await this.targetGalleries(client, face.galleries);
    const selected = await this.selection.select(face.photo, 'photo', { ...face.selection, analyses: ENROLMENT_ANALYSES });
    const added: FindFaceFaceRecord[] = [];
    try {
      // One face too dark or bright refuses the photo before any face of it is written.
      for (const chosen of selected.chosen) this.probes.assertWellExposed(chosen);
      try {
        for (const chosen of selected.chosen) added.push(await this.addFace(client, face, chosen, targets));
      } catch (err) {
        for (const record of added) await this.delete(client, record.id);
        throw err;
      }
    } finally {
      await this.selection.release([selected]);
    }
    const names = targets.map((g) => this.galleries.nameOf(g));
    return { results: added.map((record) => faceObject(record, names, baseUrl)) };
  }

  /**
   * New meta and/or galleries for a face. A gallery it joins gets a copy of its template (the
   * photo is not sent again); one it leaves loses it; `default` is always kept.
   */
  async update(client: ClientIdentity, id: number, change: FaceChange, baseUrl: string): Promise<FaceObject> {
    const record = await this.faces.find(client.id, id);
    if (!record) throw new AppError('USER_NOT_FOUND', `Face ${id} not found`);
    const userId = userIdOf(id);
    if (change.galleries) {
      const targets = await this.targetGalleries(client, change.galleries);
      const held = (await this.faces.galleriesOf(client.id, [userId])).get(userId) ?? [];
      const source = held.find((g) => g.isDefault) ?? held[0];
      if (!source) throw new AppError('USER_NOT_FOUND', `Face ${id} not found`);
      // Joins first, undone if one fails (a quota, say), so a refused change leaves the face as it was.
      const joined: GalleryRef[] = [];
      try {
        for (const gallery of targets.filter((t) => !held.some((g) => g.id === t.id))) {
          await this.enrolment.copyUser({ clientId: client.id, gallery, userId }, source);
          joined.push(gallery);
        }
      } catch (err) {
        for (const gallery of joined) await this.people.delete(client.id, gallery, userId);
        throw err;
      }
      for (const gallery of held) {
        if (!targets.some((g) => g.id === gallery.id)) await this.people.delete(client.id, gallery, userId);
      }
    }
    if (change.meta !== undefined) await this.faces.updateMeta(client.id, id, change.meta, userId, userNameOf(change.meta, userId));
    return this.get(client, id, baseUrl);
  }

  async get(client: ClientIdentity, id: number, baseUrl: string): Promise<FaceObject> {
    const [object] = await this.objects(client, [id], baseUrl);
    if (!object) throw new AppError('USER_NOT_FOUND', `Face ${id} not found`);
    return object;
  }

  async delete(client: ClientIdentity, id: number): Promise<void> {
    const record = await this.faces.find(client.id, id);
    if (!record) throw new AppError('USER_NOT_FOUND', `Face ${id} not found`);
    const held = (await this.faces.galleriesOf(client.id, [userIdOf(id)])).get(userIdOf(id)) ?? [];
    for (const gallery of held) await this.people.delete(client.id, gallery, userIdOf(id));
    await this.faces.delete(client.id, id);
  }

  async inGallery(client: ClientIdentity, name: string, baseUrl: string): Promise<{ results: FaceObject[] }> {
    const gallery = await this.galleries.resolve(client, name);
    const ids = (await this.faces.userIdsInGallery(gallery.id)).flatMap((userId) => faceIdOf(userId) ?? []);
    return { results: await this.objects(client, ids, baseUrl) };
  }

  /** The client's faces newest first, `limit` at a time, each page below the last id of the one before. */
  async page(client: ClientIdentity, maxId: number | null, limit: number, baseUrl: string): Promise<FacesPage> {
    const records = await this.faces.page(client.id, maxId, limit);
    const results = await this.objectsOf(client, records, baseUrl);
    return { results, nextMaxId: records.length === limit ? records[records.length - 1]!.id : null };
  }

  async withMeta(client: ClientIdentity, meta: string, baseUrl: string): Promise<{ results: FaceObject[] }> {
    return { results: await this.objectsOf(client, await this.faces.withMeta(client.id, meta), baseUrl) };
  }

  async metaCounts(client: ClientIdentity): Promise<{ results: Array<{ meta: string; count: number }> }> {
    return { results: await this.faces.metaCounts(client.id) };
  }

  async thumbnail(client: ClientIdentity, id: number): Promise<Buffer> {
    const jpeg = await this.faces.thumbnail(client.id, id);
    if (!jpeg) throw new AppError('USER_NOT_FOUND', `Face ${id} not found`);
    return jpeg;
  }

  /** The face objects of these ids that still exist, in the order asked, with their galleries. */
  async objects(client: ClientIdentity, ids: number[], baseUrl: string): Promise<FaceObject[]> {
    const records = new Map((await this.faces.findMany(client.id, ids)).map((r) => [r.id, r]));
    return this.objectsOf(client, ids.flatMap((id) => records.get(id) ?? []), baseUrl);
  }

  /** The face objects of rows already read, in their order, with their galleries. */
  private async objectsOf(client: ClientIdentity, records: FindFaceFaceRecord[], baseUrl: string): Promise<FaceObject[]> {
    const held = await this.faces.galleriesOf(client.id, records.map((r) => userIdOf(r.id)));
    return records.flatMap((record) => {
      const galleries = held.get(userIdOf(record.id));
      // A face whose galleries were all deleted went with them.
      return galleries ? [faceObject(record, galleries.map((g) => this.galleries.nameOf(g)), baseUrl)] : [];
    });
  }

  private async targetGalleries(client: ClientIdentity, names: string[]): Promise<GalleryRef[]> {
    const unique = [...new Set(['default', ...names])];
    const out: GalleryRef[] = [];
    for (const name of unique) out.push(await this.galleries.resolve(client, name));
    return out;
  }

  /** One face object: its row, then its person in every gallery; when a step fails, what was written goes. */
  private async addFace(client: ClientIdentity, face: NewFace, chosen: EmbeddedFace, targets: GalleryRef[]): Promise<FindFaceFaceRecord> {
    const bbox = bboxOf(chosen.face);
    const record = await this.faces.create({
      clientId: client.id,
      meta: face.meta,
      photo: face.photoUrl,
      photoHash: createHash('sha256').update(face.photo).digest('hex'),
      bbox,
      thumbnail: await faceThumbnail(face.photo, bbox),
    });
    const userId = userIdOf(record.id);
    const done: GalleryRef[] = [];
    try {
      for (const gallery of targets) {
        const subject = { clientId: client.id, gallery, userId, userName: userNameOf(record.meta, userId), newUser: true };
        await this.enrolment.enrolFace(subject, chosen, false);
        done.push(gallery);
      }
    } catch (err) {
      for (const gallery of done) await this.people.delete(client.id, gallery, userId);
      await this.faces.delete(client.id, record.id);
      throw err;
    }
    return record;
  }
}
