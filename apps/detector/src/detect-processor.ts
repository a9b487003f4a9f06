import type { FaceDetectPayload, FaceDetectResult } from '@bio/contracts';
import { stopwatch } from '@bio/observability';
import { decodeImage } from '@bio/imaging';
import type { BlobStore } from '@bio/queue';
import { alignFace } from './face-alignment';
import type { FaceDetector } from './face-detector';
import { faceAnalysers, PER_FACE_ANALYSES, type FaceAnalyser, type FaceAnalysisModels, type PerFaceAnalysis } from './face-analysers';
import { detectInAnyOrientation } from './orientation';
import { measureImageQuality, type ImageQuality } from './quality';

export interface DetectProcessorDeps extends FaceAnalysisModels {
  detector: FaceDetector;
  blobs: Pick<BlobStore, 'get' | 'put'>;
  maxPixels: number;
}

export type DetectProcessor = (payload: Required<FaceDetectPayload>) => Promise<FaceDetectResult>;

/**
 * One detect job: the image blob in; faces (largest first) out, with an aligned crop blob
 * for each of the `alignTop` largest and the analyses asked for on those, each timed. Faces
 * of a photo turned by a quarter turn are found too and reported in the decoded image's
 * coordinates. Bad images surface as AppError from decodeImage.
 */
export function createDetectProcessor(deps: DetectProcessorDeps): DetectProcessor {
  const analysers = faceAnalysers(deps);
  return async (payload) => {
    // Callers that bypass the payload schema (tests, benchmarks) may leave out its default.
    const asked = new Set(payload.analyses ?? []);
    const wanted = PER_FACE_ANALYSES.filter((name) => asked.has(name)).map((name) => [name, requireAnalyser(analysers, name)] as const);
    const bytes = await deps.blobs.get(payload.blobKey);
    const lap = stopwatch();
    const image = await decodeImage(bytes, { maxPixels: deps.maxPixels });
    const decode = lap();
    const { faces, orientation, timings: detection } = await detectInAnyOrientation(deps.detector, image);
    lap(); // detection timed its passes itself; restart for the alignment
    const aligned = faces.slice(0, payload.alignTop);
    const crops = await Promise.all(aligned.map((face) => alignFace(image, face.landmarks)));
    const cropKeys = await Promise.all(
      crops.map((crop) => deps.blobs.put(Buffer.from(crop.data.buffer, crop.data.byteOffset, crop.data.byteLength), 'crop')),
    );
    const timings: Record<string, number> = { decode, ...detection, align: lap() };
    const fields = aligned.map((_, i) => ({ alignedCropKey: cropKeys[i]! }));
    for (const [name, analyse] of wanted) {
      (await analyse({ image, faces: aligned, crops })).forEach((result, i) => Object.assign(fields[i]!, result));
      timings[name] = lap();
    }
    const imageQuality = asked.has('image-quality') ? await measureImageQuality(image) : undefined;
    if (imageQuality) timings['image-quality'] = lap();
    return {
      ok: true,
      image: { width: image.width, height: image.height },
      ...(imageQuality ? { imageQuality: pick(imageQuality) } : {}),
      orientation,
      faces: faces.map((face, i) => ({ ...face, ...fields[i] })),
      timings,
    };
  };
}

/** The image measures of the contract; width and height are reported already. */
function pick({ underexposure, overexposure, sharpness, color, brightness }: ImageQuality) {
  return { underexposure, overexposure, sharpness, color, brightness };
}

function requireAnalyser(analysers: Record<PerFaceAnalysis, FaceAnalyser | undefined>, name: PerFaceAnalysis): FaceAnalyser {
  const analyser = analysers[name];
  if (!analyser) throw new Error(`The '${name}' analysis was asked of a detect processor built without a ${name} model`);
  return analyser;
}
