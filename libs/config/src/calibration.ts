import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** Raw-cosine thresholds of one embedding model at given false-accept rates, measured on real pairs. */
export const calibrationSchema = z.object({
  modelId: z.string(),
  /** Which scale the model's scores are mapped to; face calibrations before voice existed say nothing. */
  modality: z.enum(['face', 'voice']).default('face'),
  dataset: z.string(),
  genuinePairs: z.number().int(),
  impostorPairs: z.number().int(),
  measuredAt: z.string(),
  thresholds: z
    .array(
      z.object({
        far: z.number().positive().max(1),
        cosine: z.number().min(-1).max(1),
        /** True where the FAR is too small to measure on the pairs and the cosine comes from a fit of the impostor tail. */
        extrapolated: z.literal(true).optional(),
        /** How an extrapolated cosine was obtained. */
        method: z.string().optional(),
      }),
    )
    .min(2),
});
export type Calibration = z.infer<typeof calibrationSchema>;

export function loadCalibrations(dir: string): Calibration[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => calibrationSchema.parse(JSON.parse(readFileSync(join(dir, name), 'utf8'))));
}

/**
 * A worker refuses to start with a model whose scores no calibration maps: every answer
 * would fail in the gateway. Measure one first (README, "Bring your own model").
 */
export function assertCalibrated(dir: string, modelId: string, modality: Calibration['modality']): void {
  if (loadCalibrations(dir).some((c) => c.modelId === modelId && c.modality === modality)) return;
  throw new Error(
    `No ${modality} calibration for model ${modelId} in ${dir}: its scores would mean nothing. ` +
      `Measure one on real pairs (bench/accuracy/face-verification.ts for faces, bench/voice/speaker-verification.ts --write-calibration for voices) and start again.`,
  );
}
