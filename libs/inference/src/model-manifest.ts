import { readFileSync } from 'node:fs';
import { z } from 'zod';

const embedderPreprocess = z.object({
  channelOrder: z.enum(['rgb', 'bgr']),
  mean: z.number(),
  std: z.number().positive(),
});
export type EmbedderPreprocess = z.infer<typeof embedderPreprocess>;

const manifestEntry = z.object({
  id: z.string().min(1),
  slot: z.string().min(1),
  file: z.string().min(1),
  package: z.string().min(1),
  version: z.string().min(1),
  path: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  licence: z.string().min(1),
  provenance: z.string(),
  overrideEnv: z.string(),
  io: z.record(z.string(), z.string()),
  preprocess: embedderPreprocess.optional(),
  /** onnxruntime graph optimisation measured fastest for this file; 'all' when absent. */
  graphOptimization: z.enum(['disabled', 'basic', 'extended', 'all']).optional(),
});
export type ModelManifestEntry = z.infer<typeof manifestEntry>;

const manifestSchema = z.object({ models: z.array(manifestEntry).min(1) });
export type ModelManifest = z.infer<typeof manifestSchema>;

/** Reads models/manifest.json (the same file scripts/fetch-models.cjs installs from). */
export function loadModelManifest(manifestPath: string): ModelManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (err) {
    throw new Error(`Model manifest ${manifestPath} is unreadable: ${(err as Error).message}`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`Model manifest ${manifestPath} is invalid: ${parsed.error.message}`);
  return parsed.data;
}

export function manifestEntryForSlot(manifest: ModelManifest, slot: string): ModelManifestEntry {
  const entry = manifest.models.find((m) => m.slot === slot);
  if (!entry) throw new Error(`The model manifest has no model for slot "${slot}"`);
  return entry;
}
