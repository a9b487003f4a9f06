import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * Where each measured false-accept rate lands on the voice 0..1 `similarity` scale: the
 * default decision threshold 0.6 means FAR 1 % on held-out speakers.
 */
export const SPEAKER_SIMILARITY_ANCHORS: ReadonlyArray<{ far: number; similarity: number }> = [
  { far: 1e-1, similarity: 0.4 },
  { far: 1e-2, similarity: 0.6 },
  { far: 1e-3, similarity: 0.8 },
];
export const DEFAULT_SPEAKER_THRESHOLD = 0.6;

/** Raw-cosine thresholds of one speaker model at given FARs, measured by bench/voice/speaker-verification.ts. */
export const speakerCalibrationSchema = z.object({
  modelId: z.string().min(1),
  dataset: z.string(),
  genuinePairs: z.number().int(),
  impostorPairs: z.number().int(),
  measuredAt: z.string(),
  benchmark: z.string(),
  thresholds: z.array(z.object({ far: z.number().positive().max(1), cosine: z.number().min(-1).max(1), tar: z.number() })).min(3),
  eer: z.number(),
});
export type SpeakerCalibration = z.infer<typeof speakerCalibrationSchema>;

export function loadSpeakerCalibration(file: string): SpeakerCalibration {
  return speakerCalibrationSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** Monotonic piecewise-linear map from cosine to similarity: (-1, 0), the anchors' measured cosines, (1, 1). */
export class SpeakerSimilarity {
  readonly modelId: string;
  readonly knots: ReadonlyArray<readonly [cosine: number, similarity: number]>;

  constructor(calibration: SpeakerCalibration) {
    const points = SPEAKER_SIMILARITY_ANCHORS.map((anchor) => {
      const measured = calibration.thresholds.find((t) => Math.abs(Math.log10(t.far) - Math.log10(anchor.far)) < 1e-6);
      if (!measured) throw new Error(`Speaker calibration of ${calibration.modelId} lacks FAR ${anchor.far}`);
      return [measured.cosine, anchor.similarity] as const;
    });
    const knots = [[-1, 0] as const, ...points, [1, 1] as const];
    for (let i = 1; i < knots.length; i++) {
      if (knots[i]![0] <= knots[i - 1]![0]) throw new Error(`Speaker calibration of ${calibration.modelId} is not monotonic`);
    }
    this.knots = knots;
    this.modelId = calibration.modelId;
  }

  toSimilarity(cosine: number): number {
    const knots = this.knots;
    for (let i = 1; i < knots.length; i++) {
      const [x1, y1] = knots[i]!;
      if (cosine <= x1) {
        const [x0, y0] = knots[i - 1]!;
        return Math.max(0, y0 + ((cosine - x0) / (x1 - x0)) * (y1 - y0));
      }
    }
    return 1;
  }
}
