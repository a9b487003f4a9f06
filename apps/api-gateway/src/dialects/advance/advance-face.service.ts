import { Injectable } from '@nestjs/common';
import { AppError, type DetectedFace } from '@bio/contracts';
import { FaceProbeService } from '../../face-api/recognition/face-probe.service';
import { RecognitionService } from '../../face-api/recognition/recognition.service';
import type { UploadedFiles } from '../../multipart/uploaded-files';
import { advanceImage } from './advance-image-rules';

export interface AdvanceFacePosition {
  id: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface AdvanceComparison {
  similarity: number;
  firstFace: AdvanceFacePosition;
  secondFace: AdvanceFacePosition;
}

/** Seed 004's Face Comparison over the shared compare, on the ADVANCE 0..100 scale. */
@Injectable()
export class AdvanceFaceService {
  constructor(
    private readonly recognition: RecognitionService,
    private readonly probes: FaceProbeService,
  ) {}

  /** The comparison of the two uploaded images, checked against the image requirements before any work. */
  comparison(files: UploadedFiles): () => Promise<AdvanceComparison> {
    const first = advanceImage(files, 'firstImage');
    const second = advanceImage(files, 'secondImage');
    return async () => {
      const result = await this.recognition.compare(first, second, ['quality'], 'advance');
      const [firstFace, secondFace] = result.faces;
      this.assertGoodQuality(firstFace, 'first');
      this.assertGoodQuality(secondFace, 'second');
      return {
        similarity: Math.round(result.similarity * 100) / 100,
        firstFace: position('1', firstFace),
        secondFace: position('2', secondFace),
      };
    };
  }

  /** "Low quality face" is the platform's exposure rule (the thresholds of models/quality-thresholds.json). */
  private assertGoodQuality(face: DetectedFace, image: 'first' | 'second'): void {
    try {
      this.probes.assertWellExposed({ face });
    } catch (err) {
      if (err instanceof AppError) throw new AppError(err.code, err.message, { ...err.details, image });
      throw err;
    }
  }
}

function position(id: string, face: DetectedFace): AdvanceFacePosition {
  const { x, y, width, height } = face.box;
  const px = (value: number) => Math.round(value * 10) / 10;
  return { id, left: px(x), top: px(y), right: px(x + width), bottom: px(y + height) };
}
