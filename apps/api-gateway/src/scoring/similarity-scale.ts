import type { Calibration } from '@bio/config';
import { SCORE_SCALES, type ScaleName, type ScoreScale } from './score-scales';

/** A monotonic piecewise-linear map from raw cosine to a 0..max score, fitted per model and scale. */
export class SimilarityScale {
  readonly id: string;
  private readonly max: number;
  private readonly knots: Array<[raw: number, mapped: number]>;

  constructor(calibration: Calibration, scaleName: ScaleName = 'native') {
    const scale: ScoreScale = SCORE_SCALES[scaleName];
    const anchors = scale.anchors[calibration.modality];
    if (!anchors) throw new Error(`The ${scaleName} scale has no ${calibration.modality} scores`);
    const points = anchors.map((anchor) => {
      const measured = calibration.thresholds.find((t) => Math.abs(Math.log10(t.far) - Math.log10(anchor.far)) < 1e-6);
      if (!measured) throw new Error(`Calibration of ${calibration.modelId} lacks FAR ${anchor.far}`);
      return [measured.cosine, anchor.similarity] as [number, number];
    });
    for (let i = 1; i < points.length; i++) {
      if (points[i]![0] <= points[i - 1]![0]) throw new Error(`Calibration of ${calibration.modelId} is not monotonic`);
    }
    const lowest = Math.min(0, points[0]![0] - 0.1);
    this.max = scale.max;
    this.knots = [[lowest, 0], ...points, [1, scale.max]];
    this.id = `${scaleName}-v1:${calibration.modelId}:${calibration.measuredAt}`;
  }

  toSimilarity(raw: number): number {
    const knots = this.knots;
    if (raw <= knots[0]![0]) return 0;
    for (let i = 1; i < knots.length; i++) {
      const [x1, y1] = knots[i]!;
      if (raw <= x1) {
        const [x0, y0] = knots[i - 1]!;
        return round4(y0 + ((raw - x0) / (x1 - x0)) * (y1 - y0));
      }
    }
    // A cosine a rounding error above 1.
    return this.max;
  }
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
