import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '@bio/contracts';
import type { Env } from '@bio/config';
import { ENV } from '../../config/env.provider';
import { FacePipeline, type EmbeddedFace } from '../../pipeline/face-pipeline.service';

export interface ProbeOptions {
  /** Accept a face below the minimum size (seed 000's force_register). */
  allowSmallFace?: boolean;
}

/**
 * Turns a request image into embedded faces and applies the rules about which face counts:
 * the largest face is the subject (documented), and it must reach the minimum size.
 */
@Injectable()
export class FaceProbeService {
  constructor(
    private readonly pipeline: FacePipeline,
    @Inject(ENV) private readonly env: Env,
  ) {}

  /** Embeds the largest face; the caller must `release` it when done. */
  async largestFace(image: Buffer, options: ProbeOptions = {}): Promise<EmbeddedFace> {
    const [face] = (await this.faces(image, 1, options)).faces;
    return face!;
  }

  /** Embeds the `count` largest faces; only the largest is held to the minimum size. */
  async faces(image: Buffer, count: number, options: ProbeOptions = {}) {
    const analysis = await this.pipeline.analyse(image, count);
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

  release(faces: EmbeddedFace[]): Promise<void> {
    return this.pipeline.release(faces);
  }
}
