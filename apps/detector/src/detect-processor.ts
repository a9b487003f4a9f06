import type { FaceDetectPayload, FaceDetectResult } from '@bio/contracts';
import { stopwatch } from '@bio/observability';
import { decodeImage } from '@bio/imaging';
import type { BlobStore } from '@bio/queue';
import { alignFace } from './face-alignment';
import type { FaceDetector } from './face-detector';
import { measureFaceQuality } from './quality';

export interface DetectProcessorDeps {
  detector: FaceDetector;
  blobs: Pick<BlobStore, 'get' | 'put'>;
  maxPixels: number;
}

export type DetectProcessor = (payload: Required<FaceDetectPayload>) => Promise<FaceDetectResult>;

/**
 * One detect job: the image blob in; faces (largest first) out, with an aligned crop blob
 * for each of the `alignTop` largest. Bad images surface as AppError from decodeImage.
 */
export function createDetectProcessor(deps: DetectProcessorDeps): DetectProcessor {
  return async (payload) => {
    const bytes = await deps.blobs.get(payload.blobKey);
    const lap = stopwatch();
    const image = await decodeImage(bytes, { maxPixels: deps.maxPixels });
    const decode = lap();
    const faces = await deps.detector.detect(image);
    const detect = lap();
    const aligned = faces.slice(0, payload.alignTop);
    const cropKeys = await Promise.all(
      aligned.map(async (face) => {
        const crop = await alignFace(image, face.landmarks);
        return deps.blobs.put(Buffer.from(crop.data.buffer, crop.data.byteOffset, crop.data.byteLength), 'crop');
      }),
    );
    const align = lap();
    // Callers that bypass the payload schema (tests, benchmarks) may leave out its default.
    const qualities = (payload.analyses ?? []).includes('quality')
      ? await Promise.all(aligned.map((face) => measureFaceQuality(image, face)))
      : undefined;
    const quality: Record<string, number> = qualities ? { quality: lap() } : {};
    return {
      ok: true,
      image: { width: image.width, height: image.height },
      faces: faces.map((face, i) => ({
        ...face,
        ...(i < cropKeys.length ? { alignedCropKey: cropKeys[i] } : {}),
        ...(qualities?.[i] ? { quality: qualities[i] } : {}),
      })),
      timings: { decode, detect, align, ...quality },
    };
  };
}
