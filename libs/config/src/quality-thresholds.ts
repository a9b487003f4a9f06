import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { DetectedFace } from '@bio/contracts';

type FaceQuality = NonNullable<DetectedFace['quality']>;

/** Where the thresholds chosen by bench/quality/quality-thresholds.ts live, relative to the repository root. */
export const QUALITY_THRESHOLDS_FILE = 'models/quality-thresholds.json';

const thresholdsSchema = z.object({
  underexposure: z.number().min(0).max(1),
  overexposure: z.number().min(0).max(1),
  sharpness: z.number().min(0).max(1),
  color: z.number().min(0).max(1),
  rotation: z.number().min(0).max(180),
});
export type QualityThresholds = z.infer<typeof thresholdsSchema>;

/** Reads the `thresholds` of the benchmark's file; its other fields record where they came from. */
export function loadQualityThresholds(file: string): QualityThresholds {
  return z.object({ thresholds: thresholdsSchema }).parse(JSON.parse(readFileSync(file, 'utf8'))).thresholds;
}

/** The metrics past their threshold; sharpness must exceed its threshold, the others stay below theirs. */
export function qualityFailures(quality: FaceQuality, thresholds: QualityThresholds): (keyof QualityThresholds)[] {
  const failures: (keyof QualityThresholds)[] = [];
  for (const key of ['underexposure', 'overexposure', 'color', 'rotation'] as const) {
    if (quality[key] >= thresholds[key]) failures.push(key);
  }
  if (quality.sharpness <= thresholds.sharpness) failures.push('sharpness');
  return failures;
}
