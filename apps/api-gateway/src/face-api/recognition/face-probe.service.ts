import { Inject, Injectable } from '@nestjs/common';
import { AppError, type DetectedFace, type FaceAnalysis } from '@bio/contracts';
import { loadQualityThresholds, QUALITY_THRESHOLDS_FILE, type Env, type QualityThresholds } from '@bio/config';
import { ENV } from '../../config/env.provider';
import { FacePipeline, type EmbeddedFace } from '../../pipeline/face-pipeline.service';

export interface ProbeOptions {
  /** The per-face analyses the caller's answer or rules need; nothing else is computed. */
  analyses: FaceAnalysis[];
  /** Accept a face below the minimum size (seed 000's force_register). */
  allowSmallFace?: boolean;
}

/**
 * Turns a request image into embedded faces and applies the rules about which face counts:
 * the largest face is the subject (documented), and it must reach the minimum size.
 */
@Injectable()
export class FaceProbeService {
  private readonly thresholds: QualityThresholds = loadQualityThresholds(QUALITY_THRESHOLDS_FILE);

  constructor(
    private readonly pipeline: FacePipeline,
    @Inject(ENV) private readonly env: Env,
  ) {}

  /** Embeds the largest face; the caller must `release` it when done. */
  async largestFace(image: Buffer, options: ProbeOptions): Promise<EmbeddedFace> {
    const [face] = (await this.faces(image, 1, options)).faces;
    return face!;
  }

  /** Embeds the `count` largest faces; only the largest is held to the minimum size. */
  async faces(image: Buffer, count: number, options: ProbeOptions) {
    const analysis = await this.pipeline.analyse(image, count, options.analyses);
    const subject = analysis.faces[0]!;
    const side = Math.min(subject.face.box.width, subject.face.box.height);
    if (side < this.env.MIN_FACE_SIZE && !options.allowSmallFace) {
      await this.pipeline.release(analysis.faces);
      throw new AppError(
        'FACE_TOO_SMALL',
        `Face is ${Math.round(side)} px; at least ${this.env.MIN_FACE_SIZE}x${this.env.MIN_FACE_SIZE} px is required`,
      );
    }
    return analysis;
  }

  /** Whether the face wears a mask, by the trained mask model at MASK_THRESHOLD. */
  isMasked(face: DetectedFace): boolean {
    const score = face.maskScore;
    if (score === undefined) throw new AppError('INTERNAL_ERROR', 'Detector returned no mask score');
    return score >= this.env.MASK_THRESHOLD;
  }

  /** The enrolment rule of seed 001: a face past an exposure threshold is not enrolled. */
  assertWellExposed(face: Pick<EmbeddedFace, 'face'>): void {
    const quality = face.face.quality;
    if (!quality) throw new AppError('INTERNAL_ERROR', 'Detector returned no quality');
    if (quality.underexposure >= this.thresholds.underexposure) {
      throw new AppError('IMAGE_UNDEREXPOSED', undefined, { underexposure: quality.underexposure, threshold: this.thresholds.underexposure });
    }
    if (quality.overexposure >= this.thresholds.overexposure) {
      throw new AppError('IMAGE_OVEREXPOSED', undefined, { overexposure: quality.overexposure, threshold: this.thresholds.overexposure });
    }
  }

  release(faces: EmbeddedFace[]): Promise<void> {
    return this.pipeline.release(faces);
  }
}
