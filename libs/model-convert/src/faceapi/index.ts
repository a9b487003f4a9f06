import { convertedModel, type ConvertedModel, type ConvertOptions, type TensorIo } from '../converted-model';
import type { Value } from '../onnx-graph-builder';
import type { TfjsWeightGroup } from '../tfjs-model-json';
import { decodeWeights } from '../tfjs-weights';
import { FACE_LANDMARK_INPUT, faceLandmarkNet, LANDMARK_68, LANDMARK_68_TINY } from './face-landmark-net';
import { FACE_RECOGNITION_INPUT, faceRecognitionNet } from './face-recognition-net';
import { LayerGraph } from './layer-graph';

/** The `*-weights_manifest.json` of a face-api model: weight groups only, no topology. */
export type WeightsManifest = readonly TfjsWeightGroup[];

export type FaceApiModelKind = 'face_recognition' | 'face_landmark_68' | 'face_landmark_68_tiny';

/**
 * face-api subtracts this mean RGB and divides by 255 (FaceRecognitionNet and both
 * landmark feature extractors alike; see normalize() and .div(255) in its sources).
 */
export const FACE_API_MEAN_RGB = [122.782, 117.001, 104.298] as const;
export const FACE_API_DIVISOR = 255;

export const FACE_API_INPUT_NAME = 'input';

interface KindSpec {
  size: number;
  output: string;
  build: (g: LayerGraph, normalised: Value) => Value;
}

const KINDS: Record<FaceApiModelKind, KindSpec> = {
  face_recognition: { size: FACE_RECOGNITION_INPUT, output: 'descriptor', build: faceRecognitionNet },
  face_landmark_68: { size: FACE_LANDMARK_INPUT, output: 'landmarks', build: (g, x) => faceLandmarkNet(g, x, LANDMARK_68) },
  face_landmark_68_tiny: { size: FACE_LANDMARK_INPUT, output: 'landmarks', build: (g, x) => faceLandmarkNet(g, x, LANDMARK_68_TINY) },
};

/**
 * Rebuilds one of face-api's code-defined networks as ONNX from its weights manifest.
 *
 * Input `input`: float32 [N,S,S,3] NHWC, RGB 0-255, S = 150 (recognition) or 112
 * (landmarks), already made square and resized the way face-api does it (zero padding of
 * the short side, centred; bilinear resize). The mean subtraction and /255 are inside the
 * graph, so callers pass plain pixels.
 *
 * Outputs: `descriptor` [N,128], not normalised (face-api compares by Euclidean distance,
 * 0.6 its usual threshold; L2-normalise for cosine); or `landmarks` [N,136], the raw net
 * output x0,y0,x1,y1,… as fractions of the S×S input (face-api multiplies by S and
 * removes its padding afterwards).
 *
 * A manifest with a missing or an unused weight is refused: it belongs to another network.
 */
export function convertFaceApiWeights(
  kind: FaceApiModelKind,
  manifest: WeightsManifest,
  readWeightFile: (path: string) => Uint8Array,
  options: ConvertOptions,
): ConvertedModel {
  const spec = KINDS[kind];
  if (!spec) throw new Error(`face-api: unknown model kind '${kind}'`);
  const g = new LayerGraph(decodeWeights(manifest, readWeightFile));
  const input: TensorIo = { name: FACE_API_INPUT_NAME, shape: [-1, spec.size, spec.size, 3] };
  const normalised = g.normalise({ name: input.name, shape: input.shape, layout: 'tf' }, FACE_API_MEAN_RGB, FACE_API_DIVISOR);
  const result = g.graph.tf(spec.build(g, normalised));
  const unused = g.unusedWeights();
  if (unused.length > 0) throw new Error(`face-api ${kind}: the manifest holds weights the network does not use: ${unused.slice(0, 5).join(', ')}${unused.length > 5 ? ', …' : ''}`);
  g.graph.add({ name: `output/${spec.output}`, opType: 'Identity', inputs: [result.name], outputs: [spec.output] });
  const output: TensorIo = { name: spec.output, shape: result.shape };

  return convertedModel(g.graph, [input], [output], options);
}
