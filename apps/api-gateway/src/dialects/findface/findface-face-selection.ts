import { Inject, Injectable } from '@nestjs/common';
import { AppError, MAX_ALIGNED_FACES, type FaceAnalysis } from '@bio/contracts';
import type { Env } from '@bio/config';
import { ENV } from '../../config/env.provider';
import { FaceProbeService } from '../../face-api/recognition/face-probe.service';
import type { EmbeddedFace } from '../../pipeline/face-pipeline.service';
import { badParam } from './findface-bad-param';
import { bboxOf, isBigEnough, overlap } from './findface-faces';
import type { Bbox, MfSelector } from './findface-params';

/** How much of a caller's bbox a detected face must cover to be the face it means. */
const MIN_BBOX_OVERLAP = 0.3;

export interface Selection {
  bboxes?: Bbox[] | undefined;
  mfSelector: MfSelector;
  /** Per-face analyses the caller's rules need (enrolment's exposure rule); none by default. */
  analyses?: FaceAnalysis[];
}

/** The embedded faces a request means; the caller releases `all` when done. */
export interface SelectedFaces {
  chosen: EmbeddedFace[];
  all: EmbeddedFace[];
}

/**
 * The reference's rules for which faces of a photo a method works on: the faces inside the
 * given bboxes, else per mf_selector the biggest (default), all, or a refusal when there are
 * several; faces under the minimal size are never used.
 */
@Injectable()
export class FindFaceFaceSelection {
  constructor(
    private readonly probes: FaceProbeService,
    @Inject(ENV) private readonly env: Env,
  ) {}

  async select(photo: Buffer, param: string, selection: Selection): Promise<SelectedFaces> {
    // Only the biggest face is embedded when that is all the request can mean.
    const wanted = selection.mfSelector === 'biggest' && !selection.bboxes ? 1 : MAX_ALIGNED_FACES;
    const analysis = await this.analysed(photo, wanted, param, selection.analyses ?? []);
    const all = analysis.faces;
    try {
      return { chosen: this.chosen(all.filter((f) => isBigEnough(f.face, this.env.MIN_FACE_SIZE)), param, selection), all };
    } catch (err) {
      await this.probes.release(all);
      throw err;
    }
  }

  release(faces: SelectedFaces[]): Promise<void> {
    return this.probes.release(faces.flatMap((f) => f.all));
  }

  private async analysed(photo: Buffer, wanted: number, param: string, analyses: FaceAnalysis[]) {
    try {
      return await this.probes.faces(photo, wanted, { allowSmallFace: true, analyses });
    } catch (err) {
      if (err instanceof AppError && err.code === 'NO_FACE') throw badParam(param, undefined, `No face found on ${param}`);
      throw err;
    }
  }

  private chosen(faces: EmbeddedFace[], param: string, selection: Selection): EmbeddedFace[] {
    if (faces.length === 0) throw badParam(param, undefined, `No face of at least ${this.env.MIN_FACE_SIZE}x${this.env.MIN_FACE_SIZE} px on ${param}`);
    if (selection.bboxes) return selection.bboxes.map((box) => this.inside(faces, box, param));
    if (selection.mfSelector === 'reject' && faces.length > 1) {
      throw new AppError('VALIDATION_FAILED', `Too many faces: ${faces.length}`, { param, faces: faces.map((f) => bboxOf(f.face)) });
    }
    return selection.mfSelector === 'all' ? faces : [faces[0]!];
  }

  private inside(faces: EmbeddedFace[], box: Bbox, param: string): EmbeddedFace {
    const best = faces.map((face) => ({ face, iou: overlap(bboxOf(face.face), box) })).sort((a, b) => b.iou - a.iou)[0]!;
    const bboxParam = param.replace('photo', 'bbox');
    if (best.iou < MIN_BBOX_OVERLAP) throw badParam(bboxParam, box, `No face found inside the ${bboxParam} given`);
    return best.face;
  }
}
