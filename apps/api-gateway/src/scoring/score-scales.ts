import type { Calibration } from '@bio/config';

export type Anchors = ReadonlyArray<{ far: number; similarity: number }>;

export interface ScoreScale {
  /** The top of the scale: 1 for 0..1 scores, 100 for percentages. */
  max: number;
  /** Where each measured false-accept rate lands, per modality; a modality left out has no score on this scale. */
  anchors: Partial<Record<Calibration['modality'], Anchors>>;
}

/**
 * The score scales of the API dialects. Each maps the one raw cosine monotonically, through
 * the FARs measured for the model, so that a dialect's documented thresholds keep their
 * documented meaning (API-CONVENTIONS.md). Dialects add their own scale here.
 */
export const SCORE_SCALES = {
  /**
   * The native 0..1 scale (seeds 000 and 001). The seed documents 0.75 as the verification
   * threshold. For faces we make it mean FAR 1e-3 and place the other operating points so
   * that the scale reads naturally around it. Speaker models are far weaker and their
   * held-out sets far smaller, so for voices 0.75 means FAR 1e-2, the operating point the
   * voice issue asks for.
   */
  native: {
    max: 1,
    anchors: {
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
    },
  },
  /**
   * The identity users API (seed 002), 0..100, faces only. Its documented default search
   * threshold 80 stands for FAR 1e-3, the operating point of the native 0.75, so both APIs
   * accept the same pairs by default.
   */
  identity: {
    max: 100,
    anchors: {
      face: [
        { far: 1e-1, similarity: 50 },
        { far: 1e-2, similarity: 65 },
        { far: 1e-3, similarity: 80 },
        { far: 1e-4, similarity: 90 },
      ],
    },
  },
  /**
   * ADVANCE's 0..100 (seed 004). Its document suggests pass above 70, manual check from 55
   * to 70, rejection below 55, without saying what error rates they mean. For faces we make
   * 70 stand for FAR 1e-3 (one impostor in a thousand passes) and 55 for FAR 1e-2 (one in a
   * hundred reaches manual check). ADVANCE compares faces only: voices have no score here.
   */
  advance: {
    max: 100,
    anchors: {
      face: [
        { far: 1e-1, similarity: 40 },
        { far: 1e-2, similarity: 55 },
        { far: 1e-3, similarity: 70 },
        { far: 1e-4, similarity: 80 },
      ],
    },
  },
  /**
   * FindFace's 0..1 (seed 003). Its presets strict 0.7834, medium 0.6616 and low 0.5690 stand
   * for FAR 1e-5, 1e-3 and 1e-1. FAR 1e-5 cannot be measured on our pairs: the calibration's
   * cosine there is extrapolated from a fit of the impostor tail (marked `extrapolated`).
   * FAR 1e-2 and 1e-4 sit halfway between their neighbours, i.e. linear in log FAR, so every
   * calibrated point shapes the map. Faces only.
   */
  findface: {
    max: 1,
    anchors: {
      face: [
        { far: 1e-1, similarity: 0.569 },
        { far: 1e-2, similarity: 0.6153 },
        { far: 1e-3, similarity: 0.6616 },
        { far: 1e-4, similarity: 0.7225 },
        { far: 1e-5, similarity: 0.7834 },
      ],
    },
  },
} as const satisfies Record<string, ScoreScale>;

export type ScaleName = keyof typeof SCORE_SCALES;
