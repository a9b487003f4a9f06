import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppError } from '@bio/contracts';
import { FindFaceFaceRepository, type ClientIdentity, type FindFaceFaceRecord } from '@bio/db';
import { EnrolmentService } from '../../face-api/enrolment/enrolment.service';
import { PeopleService } from '../../face-api/enrolment/people.service';
import type { GalleryRef } from '../../face-api/galleries/gallery.service';
import { faceIdOf, faceObject, userIdOf, type FaceObject } from './findface-face-objects';
import { FindFaceFaceSelection } from './findface-face-selection';
import { bboxOf } from './findface-faces';
import { FindFaceGalleriesService } from './findface-galleries.service';
import { faceThumbnail } from './findface-thumbnail';

/** userName is 120 characters at most; the full meta stays on the face object. */
const USER_NAME_MAX = 120;

export interface NewFace {
  photo: Buffer;
  /** The URL the photo came from, or empty for an upload. */
  photoUrl: string;
  meta: string;
  galleries: string[];
  mfSelector: 'reject' | 'biggest';
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
    private readonly enrolment: EnrolmentService,
    private readonly people: PeopleService,
    private readonly galleries: FindFaceGalleriesService,
  ) {}

  async add(client: ClientIdentity, face: NewFace, baseUrl: string): Promise<{ results: FaceObject[] }> {
    // Every gallery is resolved before anything is written, so an unknown one refuses the call whole.
    const targets = await this.targetGalleries(client, face.galleries);
    const selected = await this.selection.select(face.photo, 'photo', { mfSelector: face.mfSelector });
    let record: FindFaceFaceRecord;
    try {
      const bbox = bboxOf(selected.chosen[0]!.face);
      record = await this.faces.create({
        clientId: client.id,
        meta: face.meta,
        photo: face.photoUrl,
        photoHash: createHash('sha256').update(face.photo).digest('hex'),
        bbox,
        thumbnail: await faceThumbnail(face.photo, bbox),
      });
    } finally {
      await this.selection.release([selected]);
    }
    await this.enrolInto(client, record, targets, face.photo);
    return { results: [faceObject(record, targets.map((g) => this.galleries.nameOf(g)), baseUrl)] };
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

  async thumbnail(client: ClientIdentity, id: number): Promise<Buffer> {
    const jpeg = await this.faces.thumbnail(client.id, id);
    if (!jpeg) throw new AppError('USER_NOT_FOUND', `Face ${id} not found`);
    return jpeg;
  }

  /** The face objects of these ids that still exist, in the order asked, with their galleries. */
  async objects(client: ClientIdentity, ids: number[], baseUrl: string): Promise<FaceObject[]> {
    const records = new Map((await this.faces.findMany(client.id, ids)).map((r) => [r.id, r]));
    const held = await this.faces.galleriesOf(client.id, ids.map(userIdOf));
    return ids.flatMap((id) => {
      const record = records.get(id);
      const galleries = held.get(userIdOf(id));
      // A face whose galleries were all deleted went with them.
      return record && galleries ? [faceObject(record, galleries.map((g) => this.galleries.nameOf(g)), baseUrl)] : [];
    });
  }

  private async targetGalleries(client: ClientIdentity, names: string[]): Promise<GalleryRef[]> {
    const unique = [...new Set(['default', ...names])];
    const out: GalleryRef[] = [];
    for (const name of unique) out.push(await this.galleries.resolve(client, name));
    return out;
  }

  /** Enrols the face in every gallery; when one fails, the face is removed from those done and the row goes. */
  private async enrolInto(client: ClientIdentity, record: FindFaceFaceRecord, targets: GalleryRef[], photo: Buffer): Promise<void> {
    const userId = userIdOf(record.id);
    const userName = record.meta.slice(0, USER_NAME_MAX) || userId;
    const done: GalleryRef[] = [];
    try {
      for (const gallery of targets) {
        await this.enrolment.enrol({ clientId: client.id, gallery, userId, userName, newUser: true }, photo, false);
        done.push(gallery);
      }
    } catch (err) {
      for (const gallery of done) await this.people.delete(client.id, gallery, userId);
      await this.faces.delete(client.id, record.id);
      throw err;
    }
  }
}
