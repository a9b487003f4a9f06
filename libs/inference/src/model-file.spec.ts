import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveModelFile, verifyModelFile } from './model-file';
import type { ModelManifestEntry } from './model-manifest';

const dir = mkdtempSync(path.join(tmpdir(), 'model-file-'));
const bytes = Buffer.from('not really onnx, only hashed here');
const digest = createHash('sha256').update(bytes).digest('hex');

function entry(file: string, sha256: string): ModelManifestEntry {
  return {
    id: 'test-model', slot: 'test-slot', file, package: 'pkg', version: '1.0.0', path: 'package/m.onnx',
    sha256, licence: 'MIT', provenance: '', overrideEnv: 'TEST_MODEL_PATH', io: {},
  };
}

describe('resolveModelFile / verifyModelFile', () => {
  beforeAll(() => {
    writeFileSync(path.join(dir, 'good.onnx'), bytes);
    writeFileSync(path.join(dir, 'tampered.onnx'), Buffer.concat([bytes, Buffer.from('!')]));
  });

  it('accepts a pinned file whose sha256 matches the manifest', () => {
    const file = resolveModelFile(entry('good.onnx', digest), dir);
    expect(file.pinned?.id).toBe('test-model');
    expect(verifyModelFile(file)).toBe(digest);
  });

  it('refuses a pinned file whose sha256 differs', () => {
    const file = resolveModelFile(entry('tampered.onnx', digest), dir);
    expect(() => verifyModelFile(file)).toThrow(/sha256/);
  });

  it('tells the operator to fetch a missing model', () => {
    expect(() => resolveModelFile(entry('absent.onnx', digest), dir)).toThrow(/fetch-models/);
  });

  it('takes an override path instead of the pinned file and only hashes it', () => {
    const file = resolveModelFile(entry('absent.onnx', '0'.repeat(64)), dir, path.join(dir, 'tampered.onnx'));
    expect(file.pinned).toBeNull();
    expect(verifyModelFile(file)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('names the override variable when its file is missing', () => {
    expect(() => resolveModelFile(entry('good.onnx', digest), dir, path.join(dir, 'nope.onnx'))).toThrow(/TEST_MODEL_PATH/);
  });
});
