import type { Calibration } from './calibration';

type Anchors = ReadonlyArray<{ far: number; similarity: number }>;

/**
 * Where each measured false-accept rate lands on the 0..1 scale, per modality. The seed
 * documents 0.75 as the verification threshold. For faces we make it mean FAR 1e-3 and
 * place the other operating points so that the scale reads naturally around it. Speaker
 * models are far weaker and their held-out sets far smaller, so for voices 0.75 means
 * FAR 1e-2, the operating point the voice issue asks for.
 */
const ANCHORS: Record<Calibration['modality'], Anchors> = {
  face: [
    { far: 1e-1, similarity: 0.4 },
    { far: 1e-2, similarity: 0.6 },
    { far: 1e-3, similarity: 0.75 },
    { far: 1e-4, similarity: 0.85 },
  ],
  voice: [
    { far: 1e-1, similarity: 0.5 },
    { far: 1e-2, similarity: 0.75 },
  ],
};

/** A monotonic piecewise-linear map from raw cosine to a 0..1 similarity, fitted per model. */
export class SimilarityScale {
  readonly id: string;
  private readonly knots: Array<[raw: number, mapped: number]>;

  constructor(calibration: Calibration) {
    const points = ANCHORS[calibration.modality].map((anchor) => {
      const measured = calibration.thresholds.find((t) => Math.abs(Math.log10(t.far) - Math.log10(anchor.far)) < 1e-6);
      if (!measured) throw new Error(`Calibration of ${calibration.modelId} lacks FAR ${anchor.far}`);
      return [measured.cosine, anchor.similarity] as [number, number];
    });
    for (let i = 1; i < points.length; i++) {
      if (points[i]![0] <= points[i - 1]![0]) throw new Error(`Calibration of ${calibration.modelId} is not monotonic`);
    }
    const lowest = Math.min(0, points[0]![0] - 0.1);
    this.knots = [[lowest, 0], ...points, [1, 1]];
    this.id = `native-v1:${calibration.modelId}:${calibration.measuredAt}`;
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
    return 1;
  }
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
