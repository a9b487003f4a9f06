import { Injectable } from '@nestjs/common';
import type { ClientIdentity } from '@bio/db';
import { RecognitionService } from '../../face-api/recognition/recognition.service';
import type { EmbeddedFace } from '../../pipeline/face-pipeline.service';
import type { GalleryRef } from '../../face-api/galleries/gallery.service';
import { faceIdOf, type FaceObject } from './findface-face-objects';
import { FindFaceFaceSelection, type Selection } from './findface-face-selection';
import { bboxOf } from './findface-faces';
import { FindFaceFacesService } from './findface-faces.service';
import { FindFaceGalleriesService } from './findface-galleries.service';

export interface IdentifyRequest {
  photo: Buffer;
  gallery: string;
  /** null is `none`: the n most similar faces whatever their confidence. */
  threshold: number | null;
  n: number;
  selection: Selection;
}

type Matches = Array<{ confidence: number; face: FaceObject }>;

/**
 * /v1/identify: for each face of the photo chosen as verify chooses them (the biggest by
 * default), the n faces of the gallery most similar to it at or above the threshold, keyed
 * by that face's bbox as `[x1, y1, x2, y2]`.
 */
@Injectable()
export class FindFaceIdentifyService {
  constructor(
    private readonly recognition: RecognitionService,
    private readonly selection: FindFaceFaceSelection,
    private readonly galleries: FindFaceGalleriesService,
    private readonly faces: FindFaceFacesService,
  ) {}

  async identify(client: ClientIdentity, request: IdentifyRequest, baseUrl: string): Promise<{ results: Record<string, Matches> }> {
    const gallery = await this.galleries.resolve(client, request.gallery);
    const selected = await this.selection.select(request.photo, 'photo', request.selection);
    try {
      const results: Record<string, Matches> = {};
      for (const probe of selected.chosen) {
        const box = bboxOf(probe.face);
        results[JSON.stringify([box.x1, box.y1, box.x2, box.y2]).replace(/,/g, ', ')] = await this.matches(client, gallery, probe, request, baseUrl);
      }
      return { results };
    } finally {
      await this.selection.release([selected]);
    }
  }

  private async matches(client: ClientIdentity, gallery: GalleryRef, probe: EmbeddedFace, request: IdentifyRequest, baseUrl: string): Promise<Matches> {
    const found = await this.recognition.searchFace(gallery, probe, { limit: request.n, scale: 'findface', minSimilarity: request.threshold ?? 0 });
    const confidences = new Map(found.matches.flatMap((m) => {
      const id = faceIdOf(m.userId);
      return id === null ? [] : [[id, m.similarity] as const];
    }));
    const objects = await this.faces.objects(client, [...confidences.keys()], baseUrl);
    return objects.map((face) => ({ confidence: confidences.get(face.id)!, face }));
  }
}
