import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export interface CalibrationThreshold {
  far: number;
  cosine: number;
  tar: number;
  /** Set on a FAR too small to measure on the pairs: the cosine comes from a fit of the impostor tail. */
  extrapolated?: true;
  method?: string;
}

export interface FaceCalibration {
  modelId: string;
  dataset: string;
  genuinePairs: number;
  impostorPairs: number;
  measuredAt: string;
  thresholds: CalibrationThreshold[];
  [figure: string]: unknown;
}

/** Everything measured on the pairs: a calibration that differs only in its extrapolations, its held-out check or its date measures the same. */
function measuredPart({ measuredAt: _date, heldOutCheck: _check, thresholds, ...rest }: FaceCalibration): string {
  return JSON.stringify({ ...rest, thresholds: thresholds.filter((t) => !t.extrapolated) });
}

/**
 * Writes the calibration, keeping the date of the file it replaces when the measured figures
 * are unchanged. The date is part of every score scale's id, which each stored template
 * records: a new date for the same measurement would mark the same mapping as a different one.
 */
export function writeCalibration(file: string, calibration: FaceCalibration): FaceCalibration {
  const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as FaceCalibration) : undefined;
  const written = previous && measuredPart(previous) === measuredPart(calibration) ? { ...calibration, measuredAt: previous.measuredAt } : calibration;
  writeFileSync(file, `${JSON.stringify(written, null, 2)}\n`);
  return written;
}
