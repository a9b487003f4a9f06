import type { FaceDetectPayload, FaceDetectResult } from '@bio/contracts';
import { stopwatch } from '@bio/observability';
import { decodeImage } from '@bio/imaging';
import type { BlobStore } from '@bio/queue';
import { alignFace } from './face-alignment';
import type { FaceDetector } from './face-detector';
import type { MaskClassifier } from './mask/mask-classifier';
import { detectInAnyOrientation } from './orientation';
import { measureFaceQuality } from './quality';

export interface DetectProcessorDeps {
  detector: FaceDetector;
  blobs: Pick<BlobStore, 'get' | 'put'>;
  maxPixels: number;
  /** Needed only by jobs that ask for the 'mask' analysis. */
  mask?: Pick<MaskClassifier, 'score'>;
}

export type DetectProcessor = (payload: Required<FaceDetectPayload>) => Promise<FaceDetectResult>;

/**
 * One detect job: the image blob in; faces (largest first) out, with an aligned crop blob
 * for each of the `alignTop` largest. Faces of a photo turned by a quarter turn are found
 * too and reported in the decoded image's coordinates. Bad images surface as AppError from decodeImage.
 */
export function createDetectProcessor(deps: DetectProcessorDeps): DetectProcessor {
  return async (payload) => {
    // Callers that bypass the payload schema (tests, benchmarks) may leave out its default.
    const analyses = payload.analyses ?? [];
    const masker = analyses.includes('mask') ? requireMask(deps) : undefined;
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
    const align = lap();
    const qualities = analyses.includes('quality')
      ? await Promise.all(aligned.map((face) => measureFaceQuality(image, face)))
      : undefined;
    const quality: Record<string, number> = qualities ? { quality: lap() } : {};
    const maskScores = masker ? await masker.score(crops) : undefined;
    const mask: Record<string, number> = maskScores ? { mask: lap() } : {};
    return {
      ok: true,
      image: { width: image.width, height: image.height },
      orientation,
      faces: faces.map((face, i) => ({
        ...face,
        ...(i < cropKeys.length ? { alignedCropKey: cropKeys[i] } : {}),
        ...(qualities?.[i] ? { quality: qualities[i] } : {}),
        ...(maskScores?.[i] !== undefined ? { maskScore: maskScores[i] } : {}),
      })),
      timings: { decode, ...detection, align, ...quality, ...mask },
    };
  };
}

function requireMask(deps: DetectProcessorDeps): Pick<MaskClassifier, 'score'> {
  if (!deps.mask) throw new Error("The 'mask' analysis was asked of a detect processor built without a mask model");
  return deps.mask;
}
