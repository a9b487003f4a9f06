import { Injectable } from '@nestjs/common';
import type { ClientIdentity } from '@bio/db';
import { RecognitionService } from '../../face-api/recognition/recognition.service';
import { faceIdOf, type FaceObject } from './findface-face-objects';
import { bboxOf } from './findface-faces';
import { FindFaceFacesService } from './findface-faces.service';
import { FindFaceGalleriesService } from './findface-galleries.service';

export interface IdentifyRequest {
  photo: Buffer;
  gallery: string;
  /** null is `none`: the n most similar faces whatever their confidence. */
  threshold: number | null;
  n: number;
}

/**
 * /v1/identify: the n faces of the gallery most similar to the photo's biggest face, at or
 * above the threshold, keyed by that face's bbox as `[x1, y1, x2, y2]`.
 */
@Injectable()
export class FindFaceIdentifyService {
  constructor(
    private readonly recognition: RecognitionService,
    private readonly galleries: FindFaceGalleriesService,
    private readonly faces: FindFaceFacesService,
  ) {}

  async identify(client: ClientIdentity, request: IdentifyRequest, baseUrl: string) {
    const gallery = await this.galleries.resolve(client, request.gallery);
    const found = await this.recognition.search(gallery, request.photo, {
      analyses: [],
      limit: request.n,
      scale: 'findface',
      minSimilarity: request.threshold ?? 0,
    });
    const confidences = new Map(found.matches.flatMap((m) => {
      const id = faceIdOf(m.userId);
      return id === null ? [] : [[id, m.similarity] as const];
    }));
    const objects = await this.faces.objects(client, [...confidences.keys()], baseUrl);
    const box = bboxOf(found.probe);
    const key = JSON.stringify([box.x1, box.y1, box.x2, box.y2]).replace(/,/g, ', ');
    const matches: Array<{ confidence: number; face: FaceObject }> = objects.map((face) => ({ confidence: confidences.get(face.id)!, face }));
    return { results: { [key]: matches } };
  }
}
