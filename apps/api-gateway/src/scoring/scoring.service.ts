import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '@bio/contracts';
import { loadCalibrations, type Calibration, type Env } from '@bio/config';
import { ENV } from '../config/env.provider';
import { SCORE_SCALES, type ScaleName } from './score-scales';
import { SimilarityScale } from './similarity-scale';

/** Similarity on each dialect's scale and the native verification rule, per embedding model. */
@Injectable()
export class ScoringService {
  private readonly calibrations: Map<string, Calibration>;
  private readonly scales = new Map<string, SimilarityScale>();

  constructor(@Inject(ENV) private readonly env: Env) {
    this.calibrations = new Map(loadCalibrations(env.CALIBRATION_DIR).map((c) => [c.modelId, c]));
    // Fail at start, not on the first request, when a calibration does not fit a scale meant for its modality.
    for (const calibration of this.calibrations.values()) {
      for (const scaleName of Object.keys(SCORE_SCALES) as ScaleName[]) {
        if (calibration.modality in SCORE_SCALES[scaleName].anchors) this.scaleFor(calibration.modelId, scaleName);
      }
    }
  }

  scaleFor(modelId: string, scaleName: ScaleName = 'native'): SimilarityScale {
    const key = `${scaleName}|${modelId}`;
    let scale = this.scales.get(key);
    if (!scale) {
      const calibration = this.calibrations.get(modelId);
      // A model without measured operating points must not produce scores anyone would trust.
      if (!calibration) throw new AppError('INTERNAL_ERROR', `Embedding model ${modelId} has no calibration`);
      scale = new SimilarityScale(calibration, scaleName);
      this.scales.set(key, scale);
    }
    return scale;
  }

  similarity(raw: number, modelId: string, scaleName: ScaleName = 'native'): number {
    return this.scaleFor(modelId, scaleName).toSimilarity(raw);
  }

  /** The native scale's similarity at which 1:1 verifies and native 1:N matches. */
  get verifyThreshold(): number {
    return this.env.VERIFY_THRESHOLD;
  }

  isVerified(similarity: number): boolean {
    return similarity >= this.verifyThreshold;
  }
}
