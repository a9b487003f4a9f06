import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '@bio/contracts';
import type { Env } from '@bio/config';
import { ENV } from '../config/env.provider';
import { loadCalibrations } from './calibration';
import { SimilarityScale } from './similarity-scale';

/** Native-scale similarity and the verification rule, per embedding model. */
@Injectable()
export class ScoringService {
  private readonly scales: Map<string, SimilarityScale>;

  constructor(@Inject(ENV) private readonly env: Env) {
    this.scales = new Map(loadCalibrations(env.CALIBRATION_DIR).map((c) => [c.modelId, new SimilarityScale(c)]));
  }

  scaleFor(modelId: string): SimilarityScale {
    const scale = this.scales.get(modelId);
    // A model without measured operating points must not produce scores anyone would trust.
    if (!scale) throw new AppError('INTERNAL_ERROR', `Embedding model ${modelId} has no calibration`);
    return scale;
  }

  similarity(raw: number, modelId: string): number {
    return this.scaleFor(modelId).toSimilarity(raw);
  }

  isVerified(similarity: number): boolean {
    return similarity >= this.env.VERIFY_THRESHOLD;
  }
}
