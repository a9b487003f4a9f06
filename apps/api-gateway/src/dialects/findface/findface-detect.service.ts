import { Inject, Injectable } from '@nestjs/common';
import { MAX_ALIGNED_FACES } from '@bio/contracts';
import type { Env } from '@bio/config';
import { ENV } from '../../config/env.provider';
import { FacePipeline } from '../../pipeline/face-pipeline.service';
import { attributesOf, bboxOf, isBigEnough, wantsAttributes, type AttributeRequest, type FaceAttributes } from './findface-faces';
import type { Bbox } from './findface-params';

export type DetectedFindFace = Bbox & FaceAttributes;

/** /v1/detect: every face of at least the minimal size, with gender, age and emotions when asked. */
@Injectable()
export class FindFaceDetectService {
  constructor(
    private readonly pipeline: FacePipeline,
    @Inject(ENV) private readonly env: Env,
  ) {}

  async detect(photo: Buffer, request: AttributeRequest): Promise<{ faces: DetectedFindFace[] }> {
    const analyse = wantsAttributes(request);
    // Attributes need aligned crops; a plain detect asks for none, which keeps it cheap.
    const detection = await this.pipeline.detect(photo, analyse ? MAX_ALIGNED_FACES : 0, analyse ? ['attributes'] : []);
    const faces = detection.faces
      .filter((face) => isBigEnough(face, this.env.MIN_FACE_SIZE))
      .map((face) => ({ ...bboxOf(face), ...attributesOf(face, request) }));
    return { faces };
  }
}
