import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ModelManifestEntry } from './model-manifest';

/** The ONNX file a slot will run: the manifest's pinned default or an operator's replacement. */
export interface ModelFile {
  slot: string;
  path: string;
  /** Manifest entry of the default; null when the operator configured another file. */
  pinned: ModelManifestEntry | null;
}

export function resolveModelFile(entry: ModelManifestEntry, modelsDir: string, overridePath?: string): ModelFile {
  if (overridePath) {
    const file = path.resolve(overridePath);
    if (!existsSync(file)) throw new Error(`${entry.overrideEnv}=${overridePath}: no such file`);
    return { slot: entry.slot, path: file, pinned: null };
  }
  const file = path.resolve(modelsDir, entry.file);
  if (!existsSync(file)) {
    throw new Error(`Model ${entry.id} is missing at ${file}; run "node scripts/fetch-models.cjs" first`);
  }
  return { slot: entry.slot, path: file, pinned: entry };
}

const verified = new Map<string, string>();

/**
 * Hashes the file once per process and path. A pinned model must match its manifest
 * sha256; a replacement is only hashed, so its digest can identify it in model ids and logs.
 */
export function verifyModelFile(model: ModelFile): string {
  const known = verified.get(model.path);
  if (known) return known;
  const digest = createHash('sha256').update(readFileSync(model.path)).digest('hex');
  if (model.pinned && digest !== model.pinned.sha256) {
    throw new Error(
      `Model ${model.pinned.id} at ${model.path} has sha256 ${digest}, the manifest pins ${model.pinned.sha256}; ` +
        'delete it and run "node scripts/fetch-models.cjs"',
    );
  }
  verified.set(model.path, digest);
  return digest;
}
